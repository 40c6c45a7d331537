import CGSL
import Foundation

extension Distribution {
    /// The value at normal score z, x(z) = F⁻¹(Φ(z)), exactly as the Gaussian copula maps a
    /// standard normal: ``quantile(_:)`` at Φ(z), or, for z > 0 and a family with an upper-tail
    /// inverse (``inverseSurvival``), that inverse at Q(z) = 1 − Φ(z), computed directly so the
    /// upper tail keeps its precision. Valid for every z; O(1), as ``quantile(_:)``.
    func atNormalScore(_ z: Double) -> Double {
        if z > 0, let upper = inverseSurvival { return upper(gsl_cdf_ugaussian_Q(z)) }
        return quantile(gsl_cdf_ugaussian_P(z))
    }

    /// dx/dz at normal score z, where x = ``atNormalScore(_:)``: φ(z) / f(x), the standard
    /// normal's density over this one's. For a metalog, from its quantile function's slope
    /// instead, φ(z) · Q′(y) with y = Φ(z), since its density needs its CDF (a bisection):
    /// Q′(y) = (dM/dt) / (y (1 − y)) · (x − lower when bounded), t = ln(y / (1 − y)), with
    /// 1 − y = Q(z) taken directly. ∞ where the density is 0. O(1), as ``pdf(_:)``.
    func slopeAtNormalScore(_ z: Double, value x: Double) -> Double {
        let density = gsl_ran_ugaussian_pdf(z)
        guard case .metalog(let metalog) = self else { return density / pdf(x) }
        let (y, rest) = (gsl_cdf_ugaussian_P(z), gsl_cdf_ugaussian_Q(z))
        let dMdt = metalog.slope(logit: log(y) - log(rest))
        return density * dMdt / (y * rest) * (metalog.lower.map { x - $0 } ?? 1)
    }

    /// The ends of the support, [lower, upper], ±∞ where it is unbounded: (0, ∞) for the
    /// lognormal and gamma, [0, 1] for the beta, the parameters' range for the uniform,
    /// log-uniform, triangular and PERT, the components' widest for a mixture, the base's
    /// support within the range for a truncation, and (lower or −∞, ∞) for a metalog. O(size
    /// of a mixture or truncation's tree).
    var supportBounds: (lower: Double, upper: Double) {
        switch self {
        case .point(let v): return (v, v)
        case .lognormal, .gamma: return (0, .infinity)
        case .normal: return (-.infinity, .infinity)
        case .beta: return (0, 1)
        case .uniform(let a, let b), .loguniform(let a, let b), .triangular(let a, _, let b), .pert(let a, _, let b):
            return (a, b)
        case .mixture(let components):
            let bounds = components.map(\.distribution.supportBounds)
            return (bounds.map(\.lower).min()!, bounds.map(\.upper).max()!)
        case .truncated(let base, let low, let high):
            let bounds = base.supportBounds
            return (Swift.max(bounds.lower, low), Swift.min(bounds.upper, high))
        case .metalog(let metalog): return (metalog.lower ?? -.infinity, .infinity)
        }
    }
}
