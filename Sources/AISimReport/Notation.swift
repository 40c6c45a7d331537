import AISimCore
import Foundation

/// How numbers are written for people: `sci` (3.08e7), `si` (30.8 M) or `words` (30.8 million),
/// always with three significant digits.
public enum Notation: String, Sendable, CaseIterable {
    case sci, si, words

    /// The notation tables use unless told otherwise: `sci`, whose column of exponents lines up
    /// and compares at a glance across twenty orders of magnitude.
    public static let `default` = Notation.sci

    /// SI prefixes from 10^3 to 10^30, one per power of 1000.
    static let prefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"]
    /// Short-scale names from 10^3 to 10^33, one per power of 1000.
    static let names = [
        "thousand", "million", "billion", "trillion", "quadrillion", "quintillion",
        "sextillion", "septillion", "octillion", "nonillion", "decillion",
    ]

    /// `x` in this notation. Magnitudes from 0.01 to below 1000 read the same in every
    /// notation (`617`, `0.250`); so do numbers beyond the largest prefix or name, and those
    /// below 0.01, which fall back to `sci`.
    public func format(_ x: Double) -> String { format(x, digits: NumberFormat.short) }

    /// An axis tick's label: as ``format(_:)``, but with no trailing zeros: `1e8`, `100 M`,
    /// `1 billion`, `2.5`.
    public func tick(_ x: Double) -> String { format(x, digits: NumberFormat.compact) }

    private func format(_ x: Double, digits: (Double) -> String) -> String {
        guard self != .sci, x.isFinite, x != 0 else { return digits(x) }
        // Round to three significant digits first, so 999.6e6 becomes 1.00 G, not 1000 M.
        let rounded = Double(String(format: "%.2e", x))!
        let group = Int((log10(abs(rounded)) / 3).rounded(.down))
        let words = self == .si ? Self.prefixes : Self.names
        guard group >= 1 && group <= words.count else { return digits(x) }
        return digits(rounded / pow(1000, Double(group))) + " " + words[group - 1]
    }
}
