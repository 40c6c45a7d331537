/// A finished run, ready to print as a table, CSV or JSON.
public struct RunReport: Sendable {
    public let prior: Prior
    public let result: SimulationResult

    public init(prior: Prior, result: SimulationResult) {
        self.prior = prior
        self.result = result
    }

    /// The line under the title: where the prior came from, trials and seed.
    var provenance: String {
        "prior \(prior.source) · \(NumberFormat.grouped(result.trials)) trial\(result.trials == 1 ? "" : "s") · seed \(result.seed)"
    }

    /// How percentiles are defined, in words, for JSON readers and the README.
    public static let percentileDefinition = "exact order statistics of the sample, linearly interpolated at (n - 1) * p / 100 (numpy's default, Hyndman-Fan type 7)"
}
