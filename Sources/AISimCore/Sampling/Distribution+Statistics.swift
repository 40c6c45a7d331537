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
        case .loguniform(let a, let b): return (b - a) / GSLNumerics.logRatio(b, a)
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
        case .loguniform(let a, let b): return (b * b - a * a) / (2 * GSLNumerics.logRatio(b, a)) - mean * mean
        case .beta(let a, let b): return a * b / ((a + b) * (a + b) * (a + b + 1))
        case .triangular(let a, let c, let b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .gamma(let k, let theta): return k * theta * theta
        case .pert(let a, _, let b):
            let m = mean
            return (m - a) * (b - m) / 7
        case .mixture(let components):
            let m = mean
            return components.reduce(0) {
                $0 + $1.weight * ($1.distribution.variance + $1.distribution.mean * $1.distribution.mean)
            } - m * m
        case .truncated, .metalog:
            let m = moment(1)
            return moment(2) - m * m
        }
    }

    /// E[X^power] as ∫₀¹ Q(u)^power du, by GSL's QAGS; infinite when GSL cannot integrate it.
    private func moment(_ power: Double) -> Double {
        GSLNumerics.integrate(from: 0, to: 1) { pow(quantile($0), power) } ?? .infinity
    }

    /// P(X ≤ x): GSL's CDFs where GSL has one (the normal's at z = (x − mean)/sd, the gamma's and
    /// beta's through ``GSLNumerics/gammaTail(_:shape:scale:upper:)`` and
    /// ``GSLNumerics/betaTail(_:_:_:upper:)``); the triangular's closed form
    /// ((x−min)² / ((max−min)(mode−min)) up to the mode, 1 − (max−x)² / ((max−min)(max−mode))
    /// above); the weighted sum for a mixture; the base CDF renormalised for a truncation; the
    /// metalog by inverting its quantile function. Differences and products that would under- or
    /// overflow are taken in units of the width or in halves. O(1); the metalog O(k · 200).
    public func cdf(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .point(let v): return x < v ? 0 : 1
        case .lognormal(let mu, let sigma): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
        case .normal(let mean, let sd): return gsl_cdf_ugaussian_P(Self.standardised(x, mean, sd))
        case .uniform(let a, let b):
            return (b - a).isFinite ? gsl_cdf_flat_P(x, a, b) : Swift.min(Swift.max(Self.position(x, a, b), 0), 1)
        case .loguniform(let a, let b):
            guard x > a else { return 0 }
            // ln x − ln a cancels near a; ln(x/a) does not.
            let offset = log(x) - log(a)
            return offset.magnitude >= 1e-5 * log(a).magnitude
                ? gsl_cdf_flat_P(log(x), log(a), log(b))
                : Swift.min(log(x / a) / GSLNumerics.logRatio(b, a), 1)
        case .beta(let a, let b): return GSLNumerics.betaTail(x, a, b, upper: false)
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            return x <= c ? Self.triangularTail(x, a, c, b, upper: false) : Self.triangularBody(x, a, c, b, upper: true)
        case .gamma(let k, let theta): return GSLNumerics.gammaTail(x, shape: k, scale: theta, upper: false)
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return GSLNumerics.betaTail(Self.position(x, a, b), alpha, beta, upper: false)
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.cdf(x) }
        case .truncated(let base, let low, let high):
            if x < low { return 0 }
            if x >= high { return 1 }
            return base.mass(between: low, and: x) / base.mass(between: low, and: high)
        case .metalog(let metalog): return metalog.cdf(x)
        }
    }

    /// The density at x: GSL's densities where GSL has one, closed forms otherwise (the
    /// triangular; the metalog's 1 / Q′(F(x))); 0 for a point. Where GSL's would be NaN (∞ · 0)
    /// or lose its precision (the beta's at a + b ≥ 1e4, from differences of ln Γ), or a width
    /// overflows, the same density in logarithms or in units of the width. O(1).
    public func pdf(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .point: return 0
        case .lognormal(let mu, let sigma):
            guard x > 0 else { return 0 }
            let density = gsl_ran_lognormal_pdf(x, mu, sigma)
            let u = (log(x) - mu) / sigma
            return density.isNaN ? exp(-u * u / 2 - log(x) - log(sigma) - 0.5 * log(2 * Double.pi)) : density
        case .normal(let mean, let sd):
            let density = gsl_ran_gaussian_pdf(x - mean, sd)
            guard !(x - mean).isFinite || density.isNaN else { return density }
            return gsl_ran_ugaussian_pdf(Self.standardised(x, mean, sd)) / sd
        case .uniform(let a, let b):
            return (b - a).isFinite ? gsl_ran_flat_pdf(x, a, b) : x < a || x >= b ? 0 : 0.5 / (b / 2 - a / 2)
        case .loguniform(let a, let b): return x < a || x > b ? 0 : 1 / (x * GSLNumerics.logRatio(b, a))
        case .beta(let a, let b):
            let density = gsl_ran_beta_pdf(x, a, b)
            guard x > 0 && x < 1 else { return density.isNaN ? exp(-gsl_sf_lnbeta(a, b)) : density }
            guard a + b >= 1e4 || density.isNaN else { return density }
            return exp(GSLNumerics.betaLogitLogDensity(a, b)(log(x) - log1p(-x)) - log(x) - log1p(-x))
        case .triangular(let a, let c, let b):
            if x < a || x > b { return 0 }
            let twoOverWidth = (b - a).isFinite ? 2 / (b - a) : 1 / (b / 2 - a / 2)
            if x <= c {
                guard c > a else { return twoOverWidth }
                let density = 2 * (x - a) / ((b - a) * (c - a))
                return density.isFinite && ((b - a) * (c - a)).isNormal
                    ? density
                    : twoOverWidth * (Self.position(x, a, b) / Self.position(c, a, b))
            }
            guard b > c else { return twoOverWidth }
            let density = 2 * (b - x) / ((b - a) * (b - c))
            return density.isFinite && ((b - a) * (b - c)).isNormal
                ? density
                : twoOverWidth * (Self.position(-x, -b, -a) / Self.position(-c, -b, -a))
        case .gamma(let k, let theta):
            let density = gsl_ran_gamma_pdf(x, k, theta)
            guard x > 0 && !(density.isFinite && density > 0) else { return density }
            return exp((k - 1) * (log(x) - log(theta)) - x / theta - gsl_sf_lngamma(k) - log(theta))
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            let density = Distribution.beta(a: alpha, b: beta).pdf(Self.position(x, a, b))
            return (b - a).isFinite ? density / (b - a) : density / 2 / (b / 2 - a / 2)
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.pdf(x) }
        case .truncated(let base, let low, let high):
            return x < low || x > high ? 0 : base.pdf(x) / base.mass(between: low, and: high)
        case .metalog(let metalog):
            let y = metalog.cdf(x)
            guard y > 0 && y < 1 else { return 0 }
            let t = log(y / (1 - y))
            let dMdt = metalog.slope(logit: t)
            // dx/dy = (dM/dt)(dt/dy) · (x − lower when log-bounded), dt/dy = 1/(y(1−y)).
            let dxdy = dMdt / (y * (1 - y)) * (metalog.lower.map { x - $0 } ?? 1)
            return dxdy > 0 ? 1 / dxdy : 0
        }
    }

    /// P(X > x), from GSL's upper-tail functions where it has them (the normal's at z, the
    /// gamma's, beta's and PERT's as in ``cdf(_:)``), and from the closed forms' upper tails
    /// ((max−x)/(max−min), ln(max/x)/ln(max/min), (max−x)²/((max−min)(max−mode))), so that far
    /// upper tails keep their precision; 1 − F otherwise. O(1), as ``cdf(_:)``.
    public func survival(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .lognormal(let mu, let sigma): return x <= 0 ? 1 : gsl_cdf_lognormal_Q(x, mu, sigma)
        case .normal(let mean, let sd): return gsl_cdf_ugaussian_Q(Self.standardised(x, mean, sd))
        case .gamma(let k, let theta): return GSLNumerics.gammaTail(x, shape: k, scale: theta, upper: true)
        case .beta(let a, let b): return GSLNumerics.betaTail(x, a, b, upper: true)
        case .mixture(let components): return components.reduce(0) { $0 + $1.weight * $1.distribution.survival(x) }
        case .uniform(let a, let b):
            if x < a { return 1 }
            return x >= b ? 0 : (b - a).isFinite ? (b - x) / (b - a) : Self.position(-x, -b, -a)
        case .loguniform(let a, let b): return x <= a ? 1 : x >= b ? 0 : log(b / x) / GSLNumerics.logRatio(b, a)
        case .triangular(let a, let c, let b):
            if x <= a { return 1 }
            if x >= b { return 0 }
            return x > c ? Self.triangularTail(x, a, c, b, upper: true) : Self.triangularBody(x, a, c, b, upper: false)
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return GSLNumerics.betaTail(Self.position(x, a, b), alpha, beta, upper: true)
        default: return 1 - cdf(x)
        }
    }

    /// The triangular's tail beyond x on the mode's side away from its end: P(X > x) for
    /// mode < x < max (`upper`), P(X ≤ x) for min < x ≤ mode, as (max−x)² / ((max−min)(max−mode))
    /// (or (x−min)² / ((max−min)(mode−min))), in units of the width w where that under- or
    /// overflows. O(1).
    static func triangularTail(_ x: Double, _ a: Double, _ c: Double, _ b: Double, upper: Bool) -> Double {
        let square = upper ? (b - x) * (b - x) : (x - a) * (x - a)
        let product = upper ? (b - a) * (b - c) : (b - a) * (c - a)
        if square.isNormal && product.isNormal { return square / product }
        let t = upper ? ratio(b, x, b, a) : ratio(x, a, b, a)
        let end = upper ? ratio(b, c, b, a) : ratio(c, a, b, a)
        return t * (t / end)
    }

    /// The triangular's other tail, 1 − ``triangularTail(_:_:_:_:upper:)``: P(X ≤ x) for x above
    /// the mode, P(X > x) below it; where it is under 1e-3, as F(mode) + ((x−mode)/w)(1 + (max−x)/(max−mode))
    /// (mirrored below the mode), whose terms do not cancel. O(1).
    static func triangularBody(_ x: Double, _ a: Double, _ c: Double, _ b: Double, upper: Bool) -> Double {
        let tail = triangularTail(x, a, c, b, upper: upper)
        guard tail > 1 - 1e-3 else { return 1 - tail }
        return upper
            ? ratio(c, a, b, a) + ratio(x, c, b, a) * (1 + ratio(b, x, b, c))
            : ratio(b, c, b, a) + ratio(c, x, b, a) * (1 + ratio(x, a, c, a))
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
    /// below 1, or with mass beyond the doubles' range, can underflow to 0 or overflow).
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
            return domain == .positive && shape >= 1 && mass(outside: domain) == 0
        case .mixture(let components):
            return components.allSatisfy { $0.distribution.alwaysIn(domain) }
        case .metalog(let metalog):
            return domain == .positive && (metalog.lower ?? -1) >= 0
        case .normal, .beta:
            return false
        }
    }

    /// The probability mass outside `domain` as doubles see it, the share of samples the
    /// equations would reject: P(X < 2⁻¹⁰⁷⁵) (at or below 0, or positive but rounding to 0, see
    /// ``massRoundingToZero``) plus P(X > 1) for a share, or P(X > the largest double) for a
    /// positive quantity (overflowing to ∞); for any finite number, the mass beyond the largest
    /// doubles on either side. In [0, 1]; O(1), as ``cdf(_:)``.
    public func mass(outside domain: Domain) -> Double {
        if domain == .finite {
            return Swift.min(1, survival(.greatestFiniteMagnitude) + cdf(-.greatestFiniteMagnitude))
        }
        let above = domain == .positive ? survival(.greatestFiniteMagnitude) : survival(1)
        return Swift.min(1, massRoundingToZero + above)
    }

    /// P(X < 2⁻¹⁰⁷⁵): the mass at or below 0 with the positive values a double rounds to 0.
    ///
    /// In logarithms for the families whose mass can crowd near 0: the lognormal,
    /// Φ((ln 2⁻¹⁰⁷⁵ − mu)/sigma); the gamma, P(k, y) at y = 2⁻¹⁰⁷⁵/θ (yᵏ/Γ(k+1) where y is
    /// subnormal); the beta, tᵃ/(a B(a, b)) at t = 2⁻¹⁰⁷⁵ (the series' first term, exact there);
    /// a metalog bounded below by 0, where its M(y) = ln x falls below ln 2⁻¹⁰⁷⁵; mixtures and
    /// truncations from their parts. Elsewhere the mass between 0 and 2⁻¹⁰⁷⁵ is at most the density
    /// times 2⁻¹⁰⁷⁵, and F(0) stands. O(1), as ``cdf(_:)``.
    var massRoundingToZero: Double {
        let logHalf = GSLNumerics.logHalfLeastNonzero
        switch self {
        case .point(let v): return v > 0 ? 0 : 1
        case .lognormal(let mu, let sigma): return gsl_cdf_ugaussian_P((logHalf - mu) / sigma)
        case .gamma(let k, let theta):
            let logY = logHalf - log(theta)
            guard logY >= log(Double.leastNormalMagnitude) else {
                return Swift.min(1, exp(k * logY - gsl_sf_lngamma(k + 1)))
            }
            return GSLNumerics.gammaTail(exp(logY), shape: k, scale: 1, upper: false)
        case .beta(let a, let b): return Swift.min(1, exp(a * logHalf - log(a) - gsl_sf_lnbeta(a, b)))
        case .mixture(let components):
            return Swift.min(1, components.reduce(0) { $0 + $1.weight * $1.distribution.massRoundingToZero })
        case .truncated(let base, let low, let high):
            guard low <= 0 else { return 0 }
            let below = Swift.max(0, base.massRoundingToZero - base.cdf(low))
            return Swift.min(1, below / base.mass(between: low, and: high))
        case .metalog(let metalog) where metalog.lower == 0: return metalog.probability(belowInner: logHalf)
        default: return cdf(0)
        }
    }
}
