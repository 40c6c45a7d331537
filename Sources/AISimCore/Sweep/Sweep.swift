import Foundation

/// One input, or a grid of two, set to each of several values in turn, every row with the
/// same seed: what `aisim sweep --vary` does. A value is a number or a distribution string.
///
/// Every row runs on common random numbers (``ChunkSeeder``): the inputs a row does not vary
/// take the same values in every trial of every row, so a sweep's curve moves only with the
/// varied inputs, not with sampling noise.
public struct Sweep: Sendable {
    /// One varied input and its values, each as written.
    public struct Axis: Sendable {
        public let input: Input
        public let values: [String]

        public init(input: Input, values: [String]) {
            self.input = input
            self.values = values
        }
    }

    /// One axis, or two for a grid.
    public let axes: [Axis]

    /// The outputs a sweep reports unless asked for others.
    public static let outputs: [Output] = [.parallelTokensPerS, .streams]
    /// The percentiles a sweep reports unless asked for others.
    public static let defaultPercentiles = [5, 50, 95].map { Percentile(value: Double($0), label: String($0)) }
    /// The most values one axis takes, and the most rows a sweep has.
    public static let maximumValues = 1000

    /// A sweep over one axis, or a grid over two.
    /// - Precondition: one or two axes, of different inputs, and at most ``maximumValues`` rows.
    public init(axes: [Axis]) {
        precondition((1...2).contains(axes.count) && Set(axes.map(\.input)).count == axes.count)
        self.axes = axes
        precondition(rows.count <= Self.maximumValues)
    }

    /// Every combination of the axes' values, the first axis outermost.
    public var rows: [[String]] {
        axes.reduce([[]]) { rows, axis in rows.flatMap { row in axis.values.map { row + [$0] } } }
    }

    /// The prior with `row`'s values set.
    public func prior(_ prior: Prior, row: [String]) throws(PriorError) -> Prior {
        try prior.setting(zip(axes, row).map { "\($0.input.spec.name)=\($1)" })
    }

    /// The correlations of `prior` that some row drops by fixing one of their inputs at a
    /// number, in the file's order.
    public func droppedCorrelations(_ prior: Prior) throws(PriorError) -> [Correlation] {
        var dropped = Set<String>()
        for row in rows { dropped.formUnion(try self.prior(prior, row: row).droppedCorrelations.map(\.key)) }
        return prior.correlations.filter { dropped.contains($0.key) }
    }

    /// One simulation per row, each with its values set and the same options (so the same
    /// seed, and the same draws of every other input).
    public func run(_ prior: Prior, options: SimulationOptions) throws(PriorError) -> [SimulationResult] {
        var results: [SimulationResult] = []
        for (k, row) in rows.enumerated() {
            options.progress?.begin(step: k + 1, of: rows.count)
            results.append(try Simulation.run(try self.prior(prior, row: row), options: options))
        }
        return results
    }
}
