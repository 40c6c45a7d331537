import Foundation

/// How aisim writes numbers for people and for programs.
public enum NumberFormat {
    /// Three significant digits, as a table shows them: `617`, `40.0`, `0.250` for magnitudes
    /// from 0.01 to below 1000, and `3.08e7`, `1.62e13`, `5.00e-3` (no `+`, no padded exponent)
    /// outside that range.
    public static func short(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        // Round to three significant digits first, so 999.6 becomes 1.00e3, not 1000.
        let rounded = Double(String(format: "%.2e", x))!
        if abs(rounded) >= 0.01 && abs(rounded) < 1000 && magnitude >= 0.01 {
            let digits = max(0, 2 - Int(log10(abs(rounded)).rounded(.down)))
            return String(format: "%.\(digits)f", rounded)
        }
        let parts = String(format: "%.2e", x).split(separator: "e")
        return "\(parts[0])e\(Int(parts[1])!)"
    }

    /// Four significant digits, plainly: `6`, `0.25`, `49.74`, `4e21`, `1.5e-5`.
    public static func compact(_ x: Double) -> String {
        let text = String(format: "%.4g", x)
        guard let e = text.firstIndex(of: "e") else { return text }
        return text[..<e] + "e" + String(Int(text[text.index(after: e)...])!)
    }

    /// A share as a percentage with about two significant digits and never an exponent for
    /// shares from 10⁻⁶ up: `0.0031%`, `4.5%`, `36%`, `100%`; smaller ones as `3.0e-07%`.
    public static func percentage(_ share: Double) -> String {
        let x = share * 100
        if !x.isFinite { return x.isNaN ? "nan%" : "inf%" }
        if abs(x) >= 10 { return String(format: "%.0f%%", x) }
        if x == 0 || abs(x) >= 1e-4 { return String(format: "%.2g%%", x) }
        return String(format: "%.1e%%", x)
    }

    /// A whole number with thousands separators: `10,000,000`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return n < 0 ? "-" + result : result
    }

    /// The shortest text that reads back as exactly `x`, for CSV: `30832320.000000004`, `1e+21`.
    public static func exact(_ x: Double) -> String { "\(x)" }
}
