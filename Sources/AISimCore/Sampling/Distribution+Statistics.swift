import CGSL
import Foundation

extension Distribution {
    /// The mean: in closed form, except for truncations and metalogs, whose quantile function
    /// GSL integrates over (0, 1). Infinite when the integral diverges (a metalog's heavy tail).
    public var mean: Double {
        switch self {
        case .point(let v): return v
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .normal(let mean, _): return mean
        case .uniform(let a, let b): return (a + b) / 2
        case .loguniform(let a, let b): return (b - a) / log(b / a)
        case .beta(let a, let b): return a / (a + b)
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .gamma(let k, let theta): return k * theta
        case .pert(let a, let c, let b): return (a + 4 * c + b) / 6
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.mean }
        case .truncated, .metalog: return moment(1)
        }
    }

    /// The variance: in closed form, except for truncations and metalogs (integrated, as
    /// for ``mean``).
    public var variance: Double {
        switch self {
        case .point: return 0
        case .lognormal(let mu, let sigma): return expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
        case .normal(_, let sd): return sd * sd
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .loguniform(let a, let b): return (b * b - a * a) / (2 * log(b / a)) - mean * mean
        case .beta(let a, let b): return a * b / ((a + b) * (a + b) * (a + b + 1))
        case .triangular(let a, let c, let b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .gamma(let k, let theta): return k * theta * theta
        case .pert(let a, _, let b):
            let m = mean
            return (m - a) * (b - m) / 7
        case .mixture(let components):
            let m = mean
            return components.reduce(0) { $0 + $1.weight * ($1.distribution.variance + $1.distribution.mean * $1.distribution.mean) } - m * m
        case .truncated, .metalog:
            let m = moment(1)
            return moment(2) - m * m
        }
    }

    /// E[X^power] as ∫₀¹ Q(u)^power du, by GSL's QAGS; infinite when GSL cannot integrate it.
    private func moment(_ power: Double) -> Double {
        GSLNumerics.integrate(from: 0, to: 1) { pow(quantile($0), power) } ?? .infinity
    }

    /// P(X ≤ x): GSL's CDFs where GSL has one; the triangular's closed form
    /// ((x−min)² / ((max−min)(mode−min)) up to the mode, 1 − (max−x)² / ((max−min)(max−mode))
    /// above); the weighted sum for a mixture; the base CDF renormalised for a truncation; the
    /// metalog by inverting its quantile function.
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
        case .gamma(let k, let theta): return gsl_cdf_gamma_P(x, k, theta)
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return gsl_cdf_beta_P((x - a) / (b - a), alpha, beta)
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.cdf(x) }
        case .truncated(let base, let low, let high):
            if x < low { return 0 }
            if x >= high { return 1 }
            return base.mass(between: low, and: x) / base.mass(between: low, and: high)
        case .metalog(let metalog): return metalog.cdf(x)
        }
    }

    /// The density at x: GSL's densities where GSL has one, closed forms otherwise (the
    /// triangular; the metalog's 1 / Q′(F(x))); 0 for a point.
    public func pdf(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .point: return 0
        case .lognormal(let mu, let sigma): return x <= 0 ? 0 : gsl_ran_lognormal_pdf(x, mu, sigma)
        case .normal(let mean, let sd): return gsl_ran_gaussian_pdf(x - mean, sd)
        case .uniform(let a, let b): return gsl_ran_flat_pdf(x, a, b)
        case .loguniform(let a, let b): return x < a || x > b ? 0 : 1 / (x * log(b / a))
        case .beta(let a, let b): return gsl_ran_beta_pdf(x, a, b)
        case .triangular(let a, let c, let b):
            if x < a || x > b { return 0 }
            return x <= c ? (c > a ? 2 * (x - a) / ((b - a) * (c - a)) : 2 / (b - a)) : (b > c ? 2 * (b - x) / ((b - a) * (b - c)) : 2 / (b - a))
        case .gamma(let k, let theta): return gsl_ran_gamma_pdf(x, k, theta)
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return gsl_ran_beta_pdf((x - a) / (b - a), alpha, beta) / (b - a)
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.pdf(x) }
        case .truncated(let base, let low, let high):
            return x < low || x > high ? 0 : base.pdf(x) / base.mass(between: low, and: high)
        case .metalog(let metalog):
            let y = metalog.cdf(x)
            guard y > 0 && y < 1 else { return 0 }
            let t = log(y / (1 - y)), dMdt = metalog.slope(logit: t)
            // dx/dy = (dM/dt)(dt/dy) · (x − lower when log-bounded), dt/dy = 1/(y(1−y)).
            let dxdy = dMdt / (y * (1 - y)) * (metalog.lower.map { x - $0 } ?? 1)
            return dxdy > 0 ? 1 / dxdy : 0
        }
    }

    /// P(X > x), from GSL's upper-tail functions where it has them, so that far upper tails
    /// keep their precision.
    public func survival(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .lognormal(let mu, let sigma): return x <= 0 ? 1 : gsl_cdf_lognormal_Q(x, mu, sigma)
        case .normal(let mean, let sd): return gsl_cdf_gaussian_Q(x - mean, sd)
        case .gamma(let k, let theta): return gsl_cdf_gamma_Q(x, k, theta)
        case .beta(let a, let b): return gsl_cdf_beta_Q(x, a, b)
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.survival(x) }
        default: return 1 - cdf(x)
        }
    }

    /// P(low < X ≤ high), computed in whichever tail keeps its precision.
    public func mass(between low: Double, and high: Double) -> Double {
        guard low < high else { return 0 }
        let upper = cdf(low) > 0.5
        return upper ? survival(low) - survival(high) : cdf(high) - cdf(low)
    }

    /// Whether every sample the sampler can produce lies in `domain`, so the simulation need
    /// not check samples one by one. True for bounded families inside the domain and for
    /// lognormals that cannot overflow or underflow a double within 40 standard deviations;
    /// false for families with tails on both sides (normal, an unbounded metalog) or that can
    /// return an endpoint outside the domain (beta can return exactly 0 or 1; a gamma of shape
    /// below 1 can underflow to 0).
    public func alwaysIn(_ domain: Domain) -> Bool {
        switch self {
        case .point(let v):
            return domain.contains(v)
        case .lognormal(let mu, let sigma):
            return domain == .positive && mu + 40 * sigma < 700 && mu - 40 * sigma > -700
        case .loguniform(let low, let high), .uniform(let low, let high), .triangular(let low, _, let high),
             .pert(let low, _, let high), .truncated(_, let low, let high):
            return domain.contains(low) && domain.contains(high)
        case .gamma(let shape, _):
            return domain == .positive && shape >= 1
        case .mixture(let components):
            return components.allSatisfy { $0.distribution.alwaysIn(domain) }
        case .metalog(let metalog):
            return domain == .positive && (metalog.lower ?? -1) >= 0
        case .normal, .beta:
            return false
        }
    }

    /// The probability mass outside `domain`: the share of samples the equations would reject.
    public func mass(outside domain: Domain) -> Double {
        switch domain {
        case .positive: cdf(0)
        case .unitInterval: cdf(0) + survival(1)
        }
    }
}
