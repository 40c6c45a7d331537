import Foundation

/// A question a forecaster asks of an output: is it at least, above, at most or below a
/// value? `streams>=1e6`.
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    /// The side of the value that counts.
    public enum Comparison: String, CaseIterable, Sendable {
        case atLeast = ">="
        case above = ">"
        case atMost = "<="
        case below = "<"

        /// Whether the comparison counts the values above the threshold (`>=`, `>`) rather
        /// than below it.
        public var countsAbove: Bool { self == .atLeast || self == .above }
    }

    public let output: Output
    public let comparison: Comparison
    public let value: Double

    public init(_ output: Output, _ comparison: Comparison, _ value: Double) {
        self.output = output
        self.comparison = comparison
        self.value = value
    }

    /// Whether `x` is on the counted side.
    @inline(__always)
    func holds(_ x: Double) -> Bool {
        switch comparison {
        case .atLeast: x >= value
        case .above: x > value
        case .atMost: x <= value
        case .below: x < value
        }
    }

    /// How many of `count` values hold.
    /// - Complexity: O(count), one branch-free pass.
    func count(_ values: UnsafePointer<Double>, count: Int) -> Int {
        var n = 0
        switch comparison {
        case .atLeast: for i in 0..<count { n &+= values[i] >= value ? 1 : 0 }
        case .above: for i in 0..<count { n &+= values[i] > value ? 1 : 0 }
        case .atMost: for i in 0..<count { n &+= values[i] <= value ? 1 : 0 }
        case .below: for i in 0..<count { n &+= values[i] < value ? 1 : 0 }
        }
        return n
    }

    /// `streams>=1e6`, with the value in its shortest exact form.
    public var description: String { "\(output.spec.name)\(comparison.rawValue)\(NumberFormat.exact(value))" }

    /// Parses `OUTPUT>=X` (or `>`, `<=`, `<`), spaces allowed around the parts.
    /// - Throws: a ``ThresholdError`` saying what is wrong: an unknown output (with the nearest
    ///   name), a missing comparison, or a value that is not a finite number.
    public init(parsing text: String) throws(ThresholdError) {
        // The two-character comparisons first, so that ">=" is not read as ">".
        let found = [Comparison.atLeast, .atMost, .above, .below].lazy.compactMap { comparison in
            text.range(of: comparison.rawValue).map { (comparison, $0) }
        }.first
        guard let (comparison, range) = found else {
            throw ThresholdError("\"\(text)\" has no comparison; write OUTPUT>=X, as in streams>=1e6 (or >, <=, <)")
        }
        let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let number = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let output = Output.named(name) else {
            throw ThresholdError("unknown output \"\(name)\"" + Output.unknownHint(for: name))
        }
        guard let value = Double(number), value.isFinite else {
            throw ThresholdError("\"\(number)\" is not a finite number; write OUTPUT>=X, as in \(name)>=1e6")
        }
        self.init(output, comparison, value)
    }
}

/// Why a threshold could not be read.
public struct ThresholdError: Error, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
