import Foundation

/// A percentile to report, as a number from 0 to 100 and the text the user wrote for it.
///
/// JSON keys are `p` + the text as given (`p5`, `p50`, `p99.9`).
public struct Percentile: Hashable, Sendable {
    public let value: Double
    public let label: String

    /// The percentiles a table shows unless asked for others.
    public static let defaults: [Percentile] = [1, 5, 10, 25, 50, 75, 90, 95, 99].map {
        Percentile(value: Double($0), label: String($0))
    }

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }

    /// The JSON key and table label: `p` + the number as given.
    public var key: String { "p" + label }

    /// Parses a comma-separated list such as `5,50,95` or `0.1, 99.9`.
    ///
    /// Each entry must be a plain decimal from 0 to 100, and none may repeat.
    public static func parseList(_ text: String) throws(PercentileListError) -> [Percentile] {
        var result: [Percentile] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let label = piece.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else {
                throw PercentileListError(
                    "an empty entry in \"\(text)\"; write numbers separated by commas, such as 5,50,95")
            }
            guard label.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                label.filter({ $0 == "." }).count <= 1, label.first != ".", label.last != ".",
                let value = Double(label)
            else { throw PercentileListError("\"\(label)\" is not a plain decimal number from 0 to 100") }
            guard value <= 100 else {
                throw PercentileListError("\(label) is above 100; percentiles run from 0 to 100")
            }
            guard !result.contains(where: { $0.value == value }) else {
                throw PercentileListError("\(label) is listed twice")
            }
            result.append(Percentile(value: value, label: label))
        }
        return result
    }

    /// Where the percentile falls among `n` sorted values (0-based ranks): it is
    /// `x[lower] + fraction · (x[upper] − x[lower])`, linear interpolation between order
    /// statistics at h = (n − 1) · p / 100, the definition numpy uses by default
    /// (Hyndman and Fan's type 7).
    public func position(among n: Int) -> (lower: Int, upper: Int, fraction: Double) {
        precondition(n > 0)
        let h = Double(n - 1) * value / 100
        let lower = min(Int(h.rounded(.down)), n - 1)
        let fraction = h - Double(lower)
        return (lower, fraction > 0 ? min(lower + 1, n - 1) : lower, fraction)
    }
}

extension Percentile {
    /// The 0-based ranks of the order statistics `percentiles` need among `n` values.
    static func ranks(_ percentiles: [Percentile], among n: Int) -> [Int] {
        percentiles.flatMap { p in
            let x = p.position(among: n)
            return [x.lower, x.upper]
        }
    }

    /// The values of `percentiles` among `n` values, from their order statistics
    /// (rank → value, for at least the ranks ``ranks(_:among:)`` lists).
    static func interpolate(_ percentiles: [Percentile], among n: Int, orderStatistics values: [Int: Double])
        -> [Double]
    {
        percentiles.map { p in
            let x = p.position(among: n)
            let low = values[x.lower]!
            let high = values[x.upper]!
            return x.fraction == 0 ? low : low + x.fraction * (high - low)
        }
    }
}

/// Why a `--percentiles` list is not usable.
public struct PercentileListError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
