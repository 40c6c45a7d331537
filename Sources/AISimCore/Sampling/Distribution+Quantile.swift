import CGSL
import Foundation

extension Distribution {
    /// The p-quantile, F⁻¹(p) for p in [0, 1].
    ///
    /// Closed forms for the normal (mean + sd Φ⁻¹(p)), lognormal, uniform, log-uniform,
    /// triangular and metalog; for the gamma, beta and PERT GSL's inverse CDFs where they hold
    /// (see ``gammaQuantile(_:_:_:upper:)``); safeguarded Newton on the CDF for a mixture; the
    /// base's quantile of the renormalised probability for a truncation. Right over every valid
    /// parameter: finite inside the support, 0 or ±∞ only where the true value under- or
    /// overflows a double. Complexity: O(1) for the closed forms; a few CDF evaluations otherwise.
    public func quantile(_ p: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .point(let v): return v
        case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_Pinv(p, mu, sigma)
        case .normal(let mean, let sd): return Self.affine(mean, sd, gsl_cdf_ugaussian_Pinv(p))
        case .uniform(let a, let b): return gsl_cdf_flat_Pinv(p, a, b)
        case .loguniform(let a, let b):
            // exp((1−p) ln a + p ln b) loses p to the rounding of ln a (ln b above the median) where
            // p ln(b/a) is small beside it (relative error ε |ln a| / (p ln(b/a)), kept below
            // 1e-10); a (b/a)^p and b (a/b)^(1−p) keep it.
            let (lnA, lnB) = (log(a), log(b))
            let span = GSLNumerics.logRatio(b, a)
            if p <= 0.5 && .ulpOfOne * lnA.magnitude > 1e-10 * p * span { return a * exp(p * span) }
            if p > 0.5 && .ulpOfOne * lnB.magnitude > 1e-10 * (1 - p) * span { return b * exp(-(1 - p) * span) }
            return exp(gsl_cdf_flat_Pinv(p, lnA, lnB))
        case .beta(let a, let b): return Self.betaQuantile(p, a, b, upper: false)
        case .triangular(let a, let c, let b):
            let split = (c - a) / (b - a)
            let square = p < split ? p * (b - a) * (c - a) : (1 - p) * (b - a) * (b - c)
            // A product of 0 is exact only at p = 0 or 1 or for a mode at an end; else it underflowed.
            let exact = square.isNormal || square == 0 && (p < split ? p == 0 || c == a : p == 1 || c == b)
            guard (b - a).isFinite && exact else { return Self.triangularQuantile(p, a, c, b) }
            return p < split ? a + square.squareRoot() : b - square.squareRoot()
        case .gamma(let k, let theta): return Self.gammaQuantile(p, k, theta, upper: false)
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return Self.interpolate(a, b, Self.betaQuantile(p, alpha, beta, upper: false))
        case .mixture(let components):
            // The mixture's quantile lies between its components' quantiles at p.
            let bracket = components.map { $0.distribution.quantile(p) }
            return mixtureQuantile(p, within: (bracket.min()!, bracket.max()!))
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
            let sLow = survival(low)
            let sHigh = survival(high)
            return { Swift.min(Swift.max(inverse(sLow - $0 * (sLow - sHigh)), low), high) }
        }
        let fLow = cdf(low)
        let fHigh = cdf(high)
        return { Swift.min(Swift.max(quantile(fLow + $0 * (fHigh - fLow)), low), high) }
    }

    /// Q⁻¹, the inverse of the survival function, for the families whose upper tail has one
    /// that keeps its precision: GSL's for the lognormal and normal; for the gamma, beta and
    /// PERT, ``gammaQuantile(_:_:_:upper:)`` and ``betaQuantile(_:_:_:upper:)``; the metalog's
    /// ``Metalog/quantile(survival:)``; for a truncation of one of these to [low, high], the base's at S(high) + q (S(low) − S(high)),
    /// clamped into [low, high] against rounding.
    var inverseSurvival: ((Double) -> Double)? {
        switch self {
        case .lognormal(let mu, let sigma): return { gsl_cdf_lognormal_Qinv($0, mu, sigma) }
        case .normal(let mean, let sd): return { Self.affine(mean, sd, gsl_cdf_ugaussian_Qinv($0)) }
        case .gamma(let k, let theta): return { Self.gammaQuantile($0, k, theta, upper: true) }
        case .beta(let a, let b): return { Self.betaQuantile($0, a, b, upper: true) }
        case .pert(let a, let c, let b):
            let (alpha, beta) = Self.pertShape(a, c, b)
            return { Self.interpolate(a, b, Self.betaQuantile($0, alpha, beta, upper: true)) }
        case .metalog(let metalog):
            return { $0 >= 1 ? (metalog.lower ?? -.infinity) : $0 <= 0 ? .infinity : metalog.quantile(survival: $0) }
        case .truncated(let base, let low, let high):
            guard let inverse = base.inverseSurvival else { return nil }
            let sLow = base.survival(low)
            let sHigh = base.survival(high)
            return { Swift.min(Swift.max(inverse(sHigh + $0 * (sLow - sHigh)), low), high) }
        default: return nil
        }
    }

    /// The gamma's quantile at p, or its inverse survival function at p when `upper`.
    ///
    /// GSL's `gsl_cdf_gamma_Pinv`/`_Qinv` where it returns a positive x whose probability, in
    /// the tail holding min(p, 1 − p), is within 1e-10 (relative) of it, which keeps ordinary
    /// shapes' numbers GSL's; otherwise (GSL's start is (p Γ(k))^(1/k), far off at small shapes,
    /// and it fails there) ``GSLNumerics/gammaInverse(_:shape:scale:upper:)`` in that tail. GSL is
    /// not tried from shape 1e4, where the CDF is no longer GSL's. Valid for every k, θ > 0.
    /// - Complexity: O(1): GSL's iteration and one CDF evaluation; a few more in the fallback.
    static func gammaQuantile(_ p: Double, _ k: Double, _ theta: Double, upper: Bool) -> Double {
        if !(p > 0) { return upper ? .infinity : 0 }
        if p >= 1 { return upper ? 0 : .infinity }
        let (tail, q) = p <= 0.5 ? (upper, p) : (!upper, 1 - p)
        if k < GSLNumerics.largeGammaShape {
            let x = upper ? gsl_cdf_gamma_Qinv(p, k, theta) : gsl_cdf_gamma_Pinv(p, k, theta)
            if inverts(x, q, { GSLNumerics.gammaTail($0, shape: k, scale: theta, upper: tail) }) { return x }
        }
        return GSLNumerics.gammaInverse(q, shape: k, scale: theta, upper: tail)
    }

    /// Beta(a, b)'s quantile at p, or its inverse survival function at p when `upper`: GSL's
    /// `gsl_cdf_beta_Pinv`/`_Qinv` where they hold, as for ``gammaQuantile(_:_:_:upper:)``, else
    /// ``GSLNumerics/betaInverse(_:_:_:upper:)``. GSL's inverse is tried only with both shapes in
    /// [1e-4, 1e5]: outside, its incomplete beta can return NaN, on which its bisection loops
    /// forever. Valid for every a, b > 0; the result is in [0, 1], 0 or 1 only where it rounds.
    /// - Complexity: as ``gammaQuantile(_:_:_:upper:)``.
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double, upper: Bool) -> Double {
        if !(p > 0) { return upper ? 1 : 0 }
        if p >= 1 { return upper ? 0 : 1 }
        let (tail, q) = p <= 0.5 ? (upper, p) : (!upper, 1 - p)
        if (1e-4...1e5).contains(a) && (1e-4...1e5).contains(b) {
            let x = upper ? gsl_cdf_beta_Qinv(p, a, b) : gsl_cdf_beta_Pinv(p, a, b)
            if inverts(x, q, { GSLNumerics.betaTail($0, a, b, upper: tail) }) { return x }
        }
        return GSLNumerics.betaInverse(q, a, b, upper: tail)
    }

    /// Whether GSL's inverse x is finite and positive with tail(x) within 1e-10 of q, relative.
    private static func inverts(_ x: Double, _ q: Double, _ tail: (Double) -> Double) -> Bool {
        x.isFinite && x > 0 && abs(tail(x) - q) <= 1e-10 * q
    }

    /// The triangular's quantile where min + √(p (max−min)(mode−min)) (below F(mode) = s) or
    /// max − √((1−p)(max−min)(max−mode)) would under- or overflow in the product: the same in
    /// units of the width w, min + w √(p s), without overflow in w; and near the mode, where that
    /// difference cancels, from the mode: x = mode ± |end − mode| (1 − √(1 − t)) with t the share
    /// of that side's mass between x and the mode, by expm1 and log1p. O(1).
    static func triangularQuantile(_ p: Double, _ a: Double, _ c: Double, _ b: Double) -> Double {
        let s = position(c, a, b)
        let r = position(-c, -b, -a)
        if p < s {
            let t = (s - p) / s
            return t < 0.5 ? interpolate(c, a, -expm1(0.5 * log1p(-t))) : interpolate(a, b, (p * s).squareRoot())
        }
        let t = (p - s) / r
        return t < 0.5 ? interpolate(c, b, -expm1(0.5 * log1p(-t))) : interpolate(b, a, ((1 - p) * r).squareRoot())
    }

    /// The mixture's p-quantile within `bracket` (its components' quantiles at p): Newton's method
    /// on the CDF kept in the bracket; where that misses by more than 1e-9 (relative) in the tail
    /// holding min(p, 1 − p) (it stops at the CDF's rounding, 1e-16 absolute, which near p = 1 is
    /// most of 1 − p) and the bracket is not negative, ``GSLNumerics/logNewton(from:within:_:)``
    /// on ln x in that tail. 0 where the quantile is below the smallest positive double.
    private func mixtureQuantile(_ p: Double, within bracket: (Double, Double)) -> Double {
        let x = Self.invert(p, cdf: cdf, pdf: pdf, within: bracket)
        let upper = p > 0.5
        let q = upper ? 1 - p : p
        guard p > 0 && p < 1, bracket.0 >= 0, bracket.1 > 0,
            !(abs((upper ? survival(x) : cdf(x)) - q) <= 1e-9 * q)
        else { return x }
        if bracket.0 == 0 && cdf(.leastNonzeroMagnitude) >= p { return 0 }
        let within = (bracket.0 > 0 ? bracket.0.nextDown : .leastNonzeroMagnitude, bracket.1.nextUp)
        return GSLNumerics.logNewton(from: x, within: within) { x in
            let tail = upper ? survival(x) : cdf(x)
            return (upper ? GSLNumerics.logRatio(q, tail) : GSLNumerics.logRatio(tail, q), x * pdf(x) / tail)
        }
    }

    /// x with cdf(x) = p within `bracket`, by Newton's method kept inside a shrinking bracket
    /// (a bisection step whenever Newton would leave it): a few steps where the density is
    /// smooth, never more than bisection's.
    private static func invert(
        _ p: Double, cdf: (Double) -> Double, pdf: (Double) -> Double,
        within bracket: (Double, Double)
    ) -> Double {
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

    /// PERT's Beta shape parameters, 1 + 4 (mode − min)/(max − min) and 1 + 4 (max − mode)/(max − min).
    static func pertShape(_ a: Double, _ c: Double, _ b: Double) -> (Double, Double) {
        (1 + 4 * position(c, a, b), 1 + 4 * position(-c, -b, -a))
    }

    /// (x − a)/(b − a) for a ≠ b, in halves where a difference overflows. O(1).
    static func position(_ x: Double, _ a: Double, _ b: Double) -> Double { ratio(x, a, b, a) }

    /// (x − y)/(u − v) for u ≠ v, in halves where a difference overflows. O(1).
    static func ratio(_ x: Double, _ y: Double, _ u: Double, _ v: Double) -> Double {
        let numerator = x - y
        let denominator = u - v
        return numerator.isFinite && denominator.isFinite ? numerator / denominator : (x / 2 - y / 2) / (u / 2 - v / 2)
    }

    /// a + (b − a) t, in halves where b − a overflows. O(1).
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let width = b - a
        return width.isFinite ? a + width * t : 2 * (a / 2 + (b / 2 - a / 2) * t)
    }

    /// mean + sd·z, in halves where sd·z overflows but the sum need not. O(1).
    @inline(__always)
    static func affine(_ mean: Double, _ sd: Double, _ z: Double) -> Double {
        let offset = sd * z
        return offset.isFinite ? mean + offset : 2 * (mean / 2 + sd / 2 * z)
    }

    /// (x − mean)/sd, in halves where x − mean overflows. O(1).
    static func standardised(_ x: Double, _ mean: Double, _ sd: Double) -> Double {
        let offset = x - mean
        return offset.isFinite ? offset / sd : (x / 2 - mean / 2) / sd * 2
    }
}
