import AISimCore

/// A finished run, ready to print as a table, CSV or JSON.
public struct RunReport: Sendable {
    public let prior: Prior
    public let result: SimulationResult
    /// How the table writes its numbers (CSV and JSON always write them exactly).
    public var notation: Notation

    public init(prior: Prior, result: SimulationResult, notation: Notation = .default) {
        self.prior = prior
        self.result = result
        self.notation = notation
    }

    /// The line under the title: where the prior came from, trials, seed, and the sampling
    /// method when it is not random.
    var provenance: String {
        "prior \(prior.shownSource) · \(NumberFormat.grouped(result.trials)) trial\(result.trials == 1 ? "" : "s") · seed \(result.seed)"
            + result.methodNote
    }

    /// The worst relative half-width of the percentiles' intervals among `outputs`, and where
    /// it is (nil without outputs).
    public func worstInterval(outputs: [Output]) -> (halfWidth: Double, output: Output, percentile: Percentile)? {
        outputs.isEmpty ? nil : PrecisionTarget(relativeHalfWidth: 1, maxTrials: 1, outputs: outputs).worst(in: result)
    }

    /// How the intervals were computed, in a few words, for the table.
    var intervalMethodSummary: String {
        result.replicatesText.map { "from the spread of \($0)" } ?? "binomial order statistics"
    }

    /// How the intervals and the mean's standard error were computed, in full, for JSON
    /// readers and the README.
    public var intervalMethod: String {
        if let replicates = result.replicates, let text = result.replicatesText {
            return
                "95% intervals from \(text), independent (Woodruff): the pooled order statistics at p -/+ t(0.975, \(replicates - 1)) * se, se the standard error of the replicates' fractions of values at or below the estimate; the mean's standard error is the standard deviation of the replicates' means over sqrt(\(replicates))"
        }
        let sketch =
            result.sketchAccuracy == nil
            ? "" : ", taken at the outer edges of the quantile sketch's buckets that hold them"
        return
            "95% distribution-free intervals: the order statistics whose ranks the Binomial(n, p) law gives\(sketch), covering the true percentile with probability at least 0.95; the mean's standard error is s / sqrt(n)"
    }

    /// How percentiles are defined, in words, for JSON readers and the README.
    public var percentileDefinition: String {
        let definition =
            "order statistics of the sample, linearly interpolated at (n - 1) * p / 100 (numpy's default, Hyndman-Fan type 7)"
        guard let accuracy = result.sketchAccuracy else { return "exact " + definition }
        return
            "\(definition), each order statistic replaced by the representative of the quantile sketch bucket that holds it, within a relative \(accuracy) of it"
    }
}
