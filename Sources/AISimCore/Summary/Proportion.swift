import CGSL
import Foundation

/// A share of trials, `count` of `trials`, as an estimate of a probability with its 95%
/// interval.
///
/// For independent trials the interval is Clopper and Pearson's (1934), the exact binomial
/// interval: (B(α/2; k, n − k + 1), B(1 − α/2; k + 1, n − k)), Beta quantiles (from GSL's Beta
/// CDF, ``Distribution/quantile(_:)``), with 0 and 1 at k = 0 and k = n. It covers the true
/// probability at least 95% of the time for every n and p. For Latin hypercube and Sobol runs,
/// whose trials are not independent, it comes from the replicates as the percentiles'
/// intervals do: p̄ ± t(0.975, R − 1) × sd(replicates' shares) / √R, within [0, 1].
public struct Proportion: Sendable, Equatable {
    public let count: Int
    public let trials: Int
    public let probability: Double
    public let interval: ConfidenceInterval

    /// `count` of `trials` independent trials.
    public init(count: Int, trials: Int) {
        precondition(count >= 0 && count <= trials && trials > 0)
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

    /// `counts[r]` of `sizes[r]` trials in replicate r of a design.
    /// - Precondition: at least two replicates.
    public init(replicateCounts counts: [Int], sizes: [Int]) {
        precondition(counts.count == sizes.count && counts.count >= 2)
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
