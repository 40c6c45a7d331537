import AISimCore
import Foundation

extension Exceedance {
    /// `P(streams >= 1e6)`, with the value in `notation`.
    func label(_ notation: Notation) -> String {
        "P(\(threshold.output.spec.name) \(threshold.comparison.rawValue) \(notation.format(threshold.value)))"
    }

    /// `{"output", "op", "threshold", "probability", "count", "trials", "ci": [lo, hi]}`.
    var jsonValue: JSONValue {
        .object([
            ("output", .string(threshold.output.spec.name)), ("op", .string(threshold.comparison.rawValue)),
            ("threshold", .number(threshold.value)), ("probability", .number(probability)),
            ("count", .integer(count)), ("trials", .integer(trials)),
            ("ci", .array([.number(interval.lower ?? 0), .number(interval.upper ?? 1)])),
        ])
    }

    /// The header of CSV's exceedance rows.
    static let csvHeader = "exceedance_output,op,threshold,probability,count,trials,ci95_lo,ci95_hi"

    /// One CSV row under ``csvHeader``.
    var csvRow: String {
        [
            threshold.output.spec.name, threshold.comparison.rawValue, NumberFormat.exact(threshold.value),
            NumberFormat.exact(probability), "\(count)", "\(trials)", NumberFormat.exact(interval.lower ?? 0),
            NumberFormat.exact(interval.upper ?? 1),
        ].joined(separator: ",")
    }

    /// The probability as a table writes it: three significant digits (`0.242`, `3.1e-05`), or
    /// as many decimals as show its distance from 1 (`0.999982`).
    public static func shown(_ p: Double) -> String {
        if p == 0 || p == 1 { return p == 0 ? "0" : "1" }
        guard p > 0.999 else { return String(format: "%.3g", p) }
        let decimals = min(15, Int((-log10(1 - p)).rounded(.up)) + 2)
        return String(format: "%.\(decimals)f", p)
    }
}

extension RunReport {
    /// The table's block of exceedances: one line each, the probability and its 95% interval.
    func exceedanceLines() -> [String] {
        guard !result.exceedances.isEmpty else { return [] }
        let labels = result.exceedances.map { $0.label(notation) }
        let width = labels.map(\.count).max() ?? 0
        return [""]
            + zip(labels, result.exceedances).map { label, e in
                label.padding(toLength: width) + "  \(Exceedance.shown(e.probability))  ["
                    + "\(Exceedance.shown(e.interval.lower ?? 0)), \(Exceedance.shown(e.interval.upper ?? 1))]"
                    + "  (\(NumberFormat.grouped(e.count)) of \(NumberFormat.grouped(e.trials)) trials)"
            }
    }

    /// CSV's second section, after a blank line: a header and one row per threshold.
    func exceedanceCSV() -> [String] {
        guard !result.exceedances.isEmpty else { return [] }
        return ["", Exceedance.csvHeader] + result.exceedances.map(\.csvRow)
    }
}
