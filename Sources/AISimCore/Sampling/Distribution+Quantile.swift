import CGSL
import Foundation

extension Distribution {
    /// The p-quantile, F⁻¹(p) for p in [0, 1]: GSL's inverse CDFs where GSL has one, closed
    /// forms for the triangular and the metalog, safeguarded Newton on the CDF for a mixture, and the
    /// base's quantile of the renormalised probability for a truncation.
    public func quantile(_ p: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .point(let v): return v
        case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_Pinv(p, mu, sigma)
        case .normal(let mean, let sd): return mean + gsl_cdf_gaussian_Pinv(p, sd)
        case .uniform(let a, let b): return gsl_cdf_flat_Pinv(p, a, b)
        case .loguniform(let a, let b): return exp(gsl_cdf_flat_Pinv(p, log(a), log(b)))
        case .beta(let a, let b): return gsl_cdf_beta_Pinv(p, a, b)
        case .triangular(let a, let c, let b):
            let split = (c - a) / (b - a)
            return p < split ? a + (p * (b - a) * (c - a)).squareRoot() : b - ((1 - p) * (b - a) * (b - c)).squareRoot()
        case .gamma(let k, let theta): return gsl_cdf_gamma_Pinv(p, k, theta)
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return a + (b - a) * gsl_cdf_beta_Pinv(p, alpha, beta)
        case .mixture(let components):
            // The mixture's quantile lies between its components' quantiles at p.
            let bracket = components.map { $0.distribution.quantile(p) }
            return Self.invert(p, cdf: cdf, pdf: pdf, within: (bracket.min()!, bracket.max()!))
        case .truncated(let base, let low, let high):
            return base.truncatedQuantile(p, low, high)
        case .metalog(let metalog):
            return p <= 0 ? (metalog.lower ?? -.infinity) : p >= 1 ? .infinity : metalog.quantile(p)
        }
    }

    /// The quantile of `self` truncated to [low, high] at p: the base's quantile of
    /// F(low) + p (F(high) − F(low)), or, in the upper tail, of the survival function, so that
    /// a truncation far into a tail keeps its precision. The result is clamped into [low, high]
    /// against rounding.
    func truncatedQuantile(_ p: Double, _ low: Double, _ high: Double) -> Double {
        truncatedInverse(low, high)(p)
    }

    /// ``truncatedQuantile(_:_:_:)`` as a function of p, with the range's CDF values worked out
    /// once, for sampling.
    func truncatedInverse(_ low: Double, _ high: Double) -> (Double) -> Double {
        if cdf(low) > 0.5, let inverse = inverseSurvival {
            let sLow = survival(low), sHigh = survival(high)
            return { Swift.min(Swift.max(inverse(sLow - $0 * (sLow - sHigh)), low), high) }
        }
        let fLow = cdf(low), fHigh = cdf(high)
        return { Swift.min(Swift.max(quantile(fLow + $0 * (fHigh - fLow)), low), high) }
    }

    /// Q⁻¹ of the survival function, where GSL has it.
    var inverseSurvival: ((Double) -> Double)? {
        switch self {
        case .lognormal(let mu, let sigma): { gsl_cdf_lognormal_Qinv($0, mu, sigma) }
        case .normal(let mean, let sd): { mean + gsl_cdf_gaussian_Qinv($0, sd) }
        case .gamma(let k, let theta): { gsl_cdf_gamma_Qinv($0, k, theta) }
        case .beta(let a, let b): { gsl_cdf_beta_Qinv($0, a, b) }
        default: nil
        }
    }

    /// PERT's Beta shape parameters.
    static func pertShape(_ a: Double, _ c: Double, _ b: Double) -> (Double, Double) {
        (1 + 4 * (c - a) / (b - a), 1 + 4 * (b - c) / (b - a))
    }

    /// x with cdf(x) = p within `bracket`, by Newton's method kept inside a shrinking bracket
    /// (a bisection step whenever Newton would leave it): a few steps where the density is
    /// smooth, never more than bisection's.
    private static func invert(_ p: Double, cdf: (Double) -> Double, pdf: (Double) -> Double,
                               within bracket: (Double, Double)) -> Double {
        var (low, high) = bracket
        guard low < high else { return low }
        var x = low + (high - low) / 2
        for _ in 0..<200 {
            let f = cdf(x) - p
            if f == 0 { return x }
            if f < 0 { low = x } else { high = x }
            let density = pdf(x)
            var next = density > 0 ? x - f / density : .nan
            if !(next > low && next < high) { next = low + (high - low) / 2 }
            if next == x || high - low <= 4 * high.ulp { return next }
            x = next
        }
        return x
    }
}
