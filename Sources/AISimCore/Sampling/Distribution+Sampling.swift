import CGSL
import Foundation

extension Distribution {
    /// Fills `count` values at `out` with independent draws, all from GSL.
    ///
    /// - `lognormal`, `a to b`: exp(mu + σZ) with Z from `gsl_ran_gaussian_ziggurat`
    ///   (GSL's fastest normal sampler; `gsl_ran_lognormal` is the same law through the
    ///   slower polar Box-Muller method).
    /// - `normal`: mean + `gsl_ran_gaussian_ziggurat(sd)`, in halves where sd·z overflows.
    /// - `uniform`: `gsl_ran_flat`. `loguniform`: exp of `gsl_ran_flat(log min, log max)`.
    /// - `beta`: `gsl_ran_beta`; for a shape below 0.05, where its u^(1/a) can underflow in
    ///   more than one draw in 10^16, the quantile function at `gsl_rng_uniform_pos`.
    /// - `triangular`: GSL has no triangular sampler; its inverse CDF is applied to
    ///   `gsl_rng_uniform`: min + √(u (max−min)(mode−min)) below the mode's CDF value
    ///   F(mode) = (mode−min)/(max−min), max − √((1−u)(max−min)(max−mode)) above it (in units
    ///   of the width where a product under- or overflows).
    /// - `gamma`: `gsl_ran_gamma`. `pert`: min + (max − min) · `gsl_ran_beta(α, β)`.
    /// - `mixture`: each slot's component from `gsl_ran_discrete` (Walker's alias table over
    ///   the weights), then each component fills its slots.
    /// - `truncate`: the base's inverse CDF at a uniform point of the truncated range
    ///   (`gsl_rng_uniform_pos`), through GSL's upper-tail inverses in the upper tail; a
    ///   truncated mixture is the mixture of its truncated components, reweighted by their
    ///   mass in the range.
    /// - `quantiles` (a metalog): its quantile function at `gsl_rng_uniform_pos`.
    ///
    /// Draws consume the generator in order, so the same generator state gives the same values.
    /// - Complexity: O(count).
    public func fill(_ out: UnsafeMutablePointer<Double>, count: Int, using generator: Generator) {
        let r = generator.rng
        switch self {
        case .point(let value):
            out.update(repeating: value, count: count)
        case .lognormal, .loguniform:
            fillLogarithm(out, count: count, using: generator)
            ColumnMath.exp(out, count: count)
        case .normal(let mean, let sd):
            // GSL's draw with sd is sd times its standard draw, so this is the same value, also
            // where sd·z alone would overflow.
            for i in 0..<count { out[i] = Self.affine(mean, sd, gsl_ran_gaussian_ziggurat(r, 1)) }
        case .uniform(let min, let max):
            for i in 0..<count { out[i] = gsl_ran_flat(r, min, max) }
        case .beta(let a, let b) where Swift.min(a, b) < Self.smallestSampledBetaShape:
            // GSL's sampler (Jöhnk's method for shapes at most 1) returns 0 when u^(1/a)
            // underflows although the ratio it stands for does not: with a shape of 0.001,
            // 30% zeros where the law has 24%. The quantile function is exact there.
            for i in 0..<count { out[i] = quantile(gsl_rng_uniform_pos(r)) }
        case .beta(let a, let b):
            for i in 0..<count { out[i] = gsl_ran_beta(r, a, b) }
        case .triangular(let min, let mode, let max):
            let width = max - min
            let split = (mode - min) / width
            let left = width * (mode - min)
            let right = width * (max - mode)
            for i in 0..<count {
                let u = gsl_rng_uniform(r)
                let square = u < split ? u * left : (1 - u) * right
                let exact = square.isNormal || square == 0 && (u < split ? u == 0 || mode == min : mode == max)
                guard width.isFinite && exact else {
                    out[i] = Self.triangularQuantile(u, min, mode, max)
                    continue
                }
                out[i] = u < split ? min + square.squareRoot() : max - square.squareRoot()
            }
        case .gamma(let shape, let scale):
            for i in 0..<count { out[i] = gsl_ran_gamma(r, shape, scale) }
        case .pert(let min, let mode, let max):
            let (alpha, beta) = Self.pertShape(min, mode, max)
            for i in 0..<count { out[i] = Self.interpolate(min, max, gsl_ran_beta(r, alpha, beta)) }
        case .mixture(let components):
            Self.fillMixture(components, out, count: count, using: generator)
        case .truncated(.mixture(let components), let low, let high):
            let kept = components.map { ($0, $0.distribution.mass(between: low, and: high)) }.filter { $0.1 > 0 }
            let total = kept.reduce(0) { $0 + $1.0.weight * $1.1 }
            let truncated = kept.map {
                Component(
                    weight: $0.weight * $1 / total, distribution: .truncated($0.distribution, min: low, max: high))
            }
            Self.fillMixture(truncated, out, count: count, using: generator)
        case .truncated(let base, let low, let high):
            let inverse = base.truncatedInverse(low, high)
            for i in 0..<count { out[i] = inverse(gsl_rng_uniform_pos(r)) }
        case .metalog(let metalog):
            for i in 0..<count { out[i] = metalog.quantile(gsl_rng_uniform_pos(r)) }
        }
    }

    /// The smallest beta shape drawn by `gsl_ran_beta`: below it, u^(1/shape) underflows in
    /// more than 2^(−1074 × 0.05) ≈ 10⁻¹⁶ of the draws.
    static let smallestSampledBetaShape = 0.05

    /// Fills slots with a mixture: every slot's component first (GSL's alias table), then each
    /// component's draws, in component order.
    private static func fillMixture(
        _ components: [Component], _ out: UnsafeMutablePointer<Double>, count: Int,
        using generator: Generator
    ) {
        let table = components.map(\.weight).withUnsafeBufferPointer {
            gsl_ran_discrete_preproc(components.count, $0.baseAddress)
        }!
        defer { gsl_ran_discrete_free(table) }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { choice in
            for i in 0..<count { choice[i] = gsl_ran_discrete(generator.rng, table) }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { draws in
                for (k, component) in components.enumerated() {
                    let n = choice.reduce(0) { $0 + ($1 == k ? 1 : 0) }
                    guard n > 0 else { continue }
                    component.distribution.fill(draws.baseAddress!, count: n, using: generator)
                    var j = 0
                    for i in 0..<count where choice[i] == k {
                        out[i] = draws[j]
                        j += 1
                    }
                }
            }
        }
    }

    /// Whether ``fillLogarithm(_:count:using:)`` can draw this distribution's logarithm directly:
    /// lognormals, log-uniforms and positive points.
    public var hasLogarithmSampler: Bool {
        switch self {
        case .lognormal, .loguniform: true
        case .point(let v): v > 0
        default: false
        }
    }

    /// Fills `count` values at `out` with draws of log X, for the families whose logarithm GSL
    /// samples directly: mu + `gsl_ran_gaussian_ziggurat(sigma)` for a lognormal,
    /// `gsl_ran_flat(log min, log max)` for a log-uniform, log v for a point. ``fill(_:count:using:)``
    /// draws these families as exp of exactly these values.
    public func fillLogarithm(_ out: UnsafeMutablePointer<Double>, count: Int, using generator: Generator) {
        let r = generator.rng
        switch self {
        case .lognormal(let mu, let sigma):
            for i in 0..<count { out[i] = mu + gsl_ran_gaussian_ziggurat(r, sigma) }
        case .loguniform(let min, let max):
            let a = log(min)
            let b = log(max)
            for i in 0..<count { out[i] = gsl_ran_flat(r, a, b) }
        case .point(let v):
            out.update(repeating: log(v), count: count)
        default:
            preconditionFailure("\(family) has no logarithm sampler")
        }
    }

    /// Replaces standard normal values y by this distribution's values at the same quantile,
    /// F⁻¹(Φ(y)), for a Gaussian copula: exp(mu + σy) for a lognormal, mean + sd·y for a
    /// normal, and otherwise the inverse CDF at Φ(y), or, above the median, GSL's upper-tail
    /// inverse at 1 − Φ(y) = Q(y), so the upper tail keeps its precision.
    func mapStandardNormals(_ values: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .lognormal(let mu, let sigma):
            for i in 0..<count { values[i] = mu + sigma * values[i] }
            ColumnMath.exp(values, count: count)
        case .normal(let mean, let sd):
            for i in 0..<count { values[i] = Self.affine(mean, sd, values[i]) }
        case .point(let v):
            values.update(repeating: v, count: count)
        default:
            mapProbabilities(
                values, count: count, isUpper: { $0 > 0 }, lower: gsl_cdf_ugaussian_P, upperTail: gsl_cdf_ugaussian_Q)
        }
    }

    /// Replaces uniform values u in (0, 1) by F⁻¹(u), for Latin hypercube and Sobol designs:
    /// lognormals and normals through Φ⁻¹ and ``mapStandardNormals(_:count:)``, and otherwise
    /// through ``quantile(_:)``, or, above the median, GSL's upper-tail inverse at 1 − u.
    func mapUniforms(_ values: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .lognormal, .normal:
            for i in 0..<count { values[i] = gsl_cdf_ugaussian_Pinv(values[i]) }
            mapStandardNormals(values, count: count)
        case .point(let v):
            values.update(repeating: v, count: count)
        default:
            mapProbabilities(values, count: count, isUpper: { $0 > 0.5 }, lower: { $0 }, upperTail: { 1 - $0 })
        }
    }

    /// Replaces each value v by the quantile at the probability it stands for: F⁻¹(lower(v)),
    /// or, where `isUpper(v)` and GSL has an upper-tail inverse, that inverse at
    /// upperTail(v) = 1 − lower(v), computed directly so the upper tail keeps its precision.
    private func mapProbabilities(
        _ values: UnsafeMutablePointer<Double>, count: Int, isUpper: (Double) -> Bool,
        lower: (Double) -> Double, upperTail: (Double) -> Double
    ) {
        let upper = inverseSurvival
        for i in 0..<count {
            let v = values[i]
            if isUpper(v), let upper {
                values[i] = upper(upperTail(v))
            } else {
                values[i] = quantile(lower(v))
            }
        }
    }
}
