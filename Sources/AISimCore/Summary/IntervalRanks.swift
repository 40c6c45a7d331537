import CGSL
import Foundation

/// Which order statistics bound a percentile's 95% confidence interval.
///
/// Ranks are 0-based among the run's n values, like ``Percentile/position(among:)``; nil means
/// the interval has no bound on that side.
enum IntervalRanks {
    /// Distribution-free bounds for independent trials, from the binomial law.
    ///
    /// The j-th smallest value (1-based) lies at or below the true p-quantile ξ exactly when at
    /// least j values do, so P(X₍ⱼ₎ ≤ ξ) = P(B ≥ j) for B ~ Binomial(n, p), whatever the
    /// output's distribution. The lower bound is X₍ₗ₎ with l the largest j with
    /// P(B ≤ j − 1) ≤ α/2; the upper is X₍ᵤ₎ with u the smallest j with P(B ≤ j − 1) ≥ 1 − α/2;
    /// together they cover ξ with probability at least 1 − α. The binomial CDF is GSL's
    /// (`gsl_cdf_binomial_P`); beyond its 32-bit trial counts the normal approximation, exact
    /// to far under one rank there, takes over.
    /// - Complexity: O(1) CDF evaluations, from a normal-approximation start.
    static func binomial(_ p: Double, among n: Int, level: Double = ConfidenceInterval.level) -> (
        lower: Int?, upper: Int?
    ) {
        precondition(n > 0 && (0...1).contains(p))
        let tail = (1 - level) / 2
        let z = gsl_cdf_ugaussian_Qinv(tail)
        let mean = Double(n) * p
        let spread = (Double(n) * p * (1 - p)).squareRoot()
        guard n <= Int(UInt32.max) else { return binomialApproximation(p, among: n, level: level) }
        // F(k) = P(B ≤ k). The lower rank (0-based) is the largest k with F(k) ≤ α/2; the upper
        // is the smallest k with F(k) ≥ 1 − α/2.
        func cdf(_ k: Int) -> Double { gsl_cdf_binomial_P(UInt32(k), p, UInt32(n)) }
        let last = n - 1
        var lower = min(last, max(0, Int((mean - z * spread).rounded(.down))))
        while lower >= 0 && cdf(lower) > tail { lower -= 1 }
        while lower >= 0 && lower < last && cdf(lower + 1) <= tail { lower += 1 }
        var upper = min(last, max(0, Int((mean + z * spread).rounded(.up))))
        while upper <= last && cdf(upper) < 1 - tail { upper += 1 }
        while upper <= last && upper > 0 && cdf(upper - 1) >= 1 - tail { upper -= 1 }
        return (lower >= 0 ? lower : nil, upper <= last ? upper : nil)
    }

    /// ``binomial(_:among:level:)`` by the normal approximation with the continuity correction,
    /// F(k) ≈ Φ((k + ½ − np) / √(np(1 − p))): for runs beyond 2^32 − 1 trials, where GSL's
    /// binomial CDF stops, and where it is off by at most a rank.
    static func binomialApproximation(_ p: Double, among n: Int, level: Double = ConfidenceInterval.level) -> (
        lower: Int?, upper: Int?
    ) {
        let z = gsl_cdf_ugaussian_Qinv((1 - level) / 2)
        let mean = Double(n) * p
        let spread = (Double(n) * p * (1 - p)).squareRoot()
        let lower = Int((mean - z * spread - 0.5).rounded(.down))
        let upper = Int((mean + z * spread - 0.5).rounded(.up))
        return (lower >= 0 ? lower : nil, upper <= n - 1 ? upper : nil)
    }

    /// Bounds from R independent replicates of a Latin hypercube or Sobol design (Woodruff's
    /// interval): `shares[r]` is the fraction of replicate r's values at or below the pooled
    /// estimate. Their spread gives the standard error s of the pooled fraction,
    /// s = sd(shares) / √R, and the bounds are the pooled order statistics at probabilities
    /// p ± t·s, with t the (1 + level)/2 quantile of Student's t with R − 1 degrees of freedom
    /// (GSL's `gsl_cdf_tdist_Pinv`). Needs R ≥ 2.
    static func replicated(_ p: Double, among n: Int, shares: [Double], level: Double = ConfidenceInterval.level) -> (
        lower: Int?, upper: Int?
    ) {
        precondition(n > 0 && (0...1).contains(p))
        guard shares.count >= 2 else { return (nil, nil) }
        let t = gsl_cdf_tdist_Pinv((1 + level) / 2, Double(shares.count - 1))
        let half = t * standardError(ofMean: shares)
        let low = p - half
        let high = p + half
        let last = Double(n - 1)
        return (low >= 0 ? Int((low * last).rounded(.down)) : nil, high <= 1 ? Int((high * last).rounded(.up)) : nil)
    }

    /// The standard error of the mean of independent `values`: their sample standard deviation
    /// over √count; exactly 0 when they are all equal.
    ///
    /// The values are first scaled by the power of 2 that brings the largest to [1, 2), which
    /// is exact and changes no rounding, so that sums and squares of values near the top of
    /// `Double` do not overflow.
    /// - Precondition: at least two finite values.
    static func standardError(ofMean values: [Double]) -> Double {
        precondition(values.count >= 2)
        guard values.contains(where: { $0 != values[0] }) else { return 0 }
        let exponent = Int(values.map(\.magnitude).max()!.exponent)
        let scaled = values.map { Foundation.scalbn($0, -exponent) }
        let mean = scaled.reduce(0, +) / Double(values.count)
        let squares = scaled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return Foundation.scalbn((squares / Double(values.count - 1) / Double(values.count)).squareRoot(), exponent)
    }
}
