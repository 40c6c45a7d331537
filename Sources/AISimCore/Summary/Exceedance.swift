import CGSL
import Foundation

/// The estimated probability that a ``Threshold`` holds, with its 95% interval.
///
/// For random sampling the interval is Clopper and Pearson's (1934): the exact binomial
/// interval, whose ends are Beta quantiles, (B(α/2; k, n − k + 1), B(1 − α/2; k + 1, n − k)),
/// with 0 and 1 at k = 0 and k = n; it covers the true probability at least 95% of the time for
/// every n and p. For Latin hypercube and Sobol runs, whose trials are not independent, it comes
/// from the replicates as the percentiles' intervals do: the mean share p̄ ± t(0.975, R − 1)
/// times the standard deviation of the R replicates' shares over √R, within [0, 1].
public struct Exceedance: Sendable, Equatable {
    public let threshold: Threshold
    /// Trials in which the threshold holds, of ``trials``.
    public let count: Int
    public let trials: Int
    public let probability: Double
    public let interval: ConfidenceInterval

    /// The estimate from `count` of `trials` independent trials, with the Clopper-Pearson
    /// interval.
    public init(_ threshold: Threshold, count: Int, trials: Int) {
        precondition(count >= 0 && count <= trials && trials > 0)
        self.threshold = threshold
        self.count = count
        self.trials = trials
        probability = Double(count) / Double(trials)
        let alpha = 1 - ConfidenceInterval.level
        let k = Double(count)
        let n = Double(trials)
        let lower = count == 0 ? 0 : Distribution.beta(a: k, b: n - k + 1).quantile(alpha / 2)
        let upper = count == trials ? 1 : Distribution.beta(a: k + 1, b: n - k).quantile(1 - alpha / 2)
        interval = ConfidenceInterval(lower: lower, upper: upper)
    }

    /// The estimate from replicates: `counts[r]` of `sizes[r]` trials in replicate r.
    /// - Precondition: at least two replicates.
    public init(_ threshold: Threshold, replicateCounts counts: [Int], sizes: [Int]) {
        precondition(counts.count == sizes.count && counts.count >= 2)
        self.threshold = threshold
        count = counts.reduce(0, +)
        trials = sizes.reduce(0, +)
        probability = Double(count) / Double(trials)
        let shares = zip(counts, sizes).map { Double($0) / Double($1) }
        let half =
            gsl_cdf_tdist_Pinv(1 - (1 - ConfidenceInterval.level) / 2, Double(shares.count - 1))
            * IntervalRanks.standardError(ofMean: shares)
        interval = ConfidenceInterval(lower: max(0, probability - half), upper: min(1, probability + half))
    }
}
