import CGSL
import Foundation

extension Distribution {
    /// The mean, in closed form.
    public var mean: Double {
        switch self {
        case .point(let v): v
        case .lognormal(let mu, let sigma): exp(mu + sigma * sigma / 2)
        case .normal(let mean, _): mean
        case .uniform(let a, let b): (a + b) / 2
        case .loguniform(let a, let b): (b - a) / log(b / a)
        case .beta(let a, let b): a / (a + b)
        case .triangular(let a, let c, let b): (a + b + c) / 3
        }
    }

    /// The variance, in closed form.
    public var variance: Double {
        switch self {
        case .point: 0
        case .lognormal(let mu, let sigma): expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
        case .normal(_, let sd): sd * sd
        case .uniform(let a, let b): (b - a) * (b - a) / 12
        case .loguniform(let a, let b):
            (b * b - a * a) / (2 * log(b / a)) - mean * mean
        case .beta(let a, let b): a * b / ((a + b) * (a + b) * (a + b + 1))
        case .triangular(let a, let c, let b): (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        }
    }

    /// P(X ≤ x), from GSL's CDFs where GSL has one (all but the triangular, whose CDF is
    /// (x−min)² / ((max−min)(mode−min)) up to the mode and 1 − (max−x)² / ((max−min)(max−mode)) above).
    public func cdf(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .point(let v): return x < v ? 0 : 1
        case .lognormal(let mu, let sigma): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
        case .normal(let mean, let sd): return gsl_cdf_gaussian_P(x - mean, sd)
        case .uniform(let a, let b): return gsl_cdf_flat_P(x, a, b)
        case .loguniform(let a, let b): return x <= 0 ? 0 : gsl_cdf_flat_P(log(x), log(a), log(b))
        case .beta(let a, let b): return gsl_cdf_beta_P(x, a, b)
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        }
    }

    /// The p-quantile, F⁻¹(p) for p in [0, 1], from GSL's inverse CDFs where GSL has one.
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
        }
    }

    /// Whether every sample the sampler can produce lies in `domain`, so the simulation need
    /// not check samples one by one. True for bounded families inside the domain and for
    /// lognormals that cannot overflow or underflow a double within 40 standard deviations;
    /// false for families with tails on both sides (normal) or that can return an endpoint
    /// outside the domain (beta can return exactly 0 or 1).
    public func alwaysIn(_ domain: Domain) -> Bool {
        switch self {
        case .point(let v):
            return domain.contains(v)
        case .lognormal(let mu, let sigma):
            return domain == .positive && mu + 40 * sigma < 700 && mu - 40 * sigma > -700
        case .loguniform(let low, let high), .uniform(let low, let high), .triangular(let low, _, let high):
            return domain.contains(low) && domain.contains(high)
        case .normal, .beta:
            return false
        }
    }

    /// The probability mass outside `domain`: the share of samples the equations would reject.
    public func mass(outside domain: Domain) -> Double {
        switch domain {
        case .positive: cdf(0)
        case .unitInterval: cdf(0) + (1 - cdf(1))
        }
    }
}
