import Foundation

/// One input set to each of several values in turn, every run with the same seed: what
/// `aisim sweep --vary` does.
public struct Sweep: Sendable {
    public let input: Input
    /// The values, with the text each is shown as.
    public let values: [(value: Double, text: String)]

    /// The outputs a sweep reports.
    public static let outputs: [Output] = [.parallelTokensPerS, .streams]
    /// The percentiles a sweep reports unless asked for others.
    public static let defaultPercentiles = [5, 50, 95].map { Percentile(value: Double($0), label: String($0)) }
    /// The most values one sweep takes.
    public static let maximumValues = 1000

    /// A sweep of `input` over `values`.
    public init(input: Input, values: [(value: Double, text: String)]) {
        self.input = input
        self.values = values
    }

    /// One simulation per value, each with the input set to the value and the same options
    /// (so the same seed).
    public func run(_ prior: Prior, options: SimulationOptions) throws(PriorError) -> [SimulationResult] {
        var results: [SimulationResult] = []
        for (_, text) in values {
            results.append(try Simulation.run(try prior.setting(["\(input.spec.name)=\(text)"]), options: options))
        }
        return results
    }
}
