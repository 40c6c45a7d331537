import Foundation

/// A probability distribution for one input, as a prior file describes it.
///
/// Every case holds parameters that have already been checked against the family's domain
/// (build them through ``Distribution/make(_:_:)`` or the prior parser), so sampling never
/// meets an invalid parameter.
public enum Distribution: Hashable, Sendable {
    /// A fixed value: every trial gets `value`.
    case point(Double)
    /// exp(N(mu, sigma²)): `mu` and `sigma` are the mean and standard deviation of log x.
    /// `a to b` is the lognormal whose 5th and 95th percentiles are `a` and `b`.
    case lognormal(mu: Double, sigma: Double)
    /// N(mean, sd²).
    case normal(mean: Double, sd: Double)
    /// Uniform on [min, max).
    case uniform(min: Double, max: Double)
    /// exp(U(log min, log max)): uniform in log space.
    case loguniform(min: Double, max: Double)
    /// Beta(a, b) on (0, 1).
    case beta(a: Double, b: Double)
    /// Triangular on [min, max] with its peak at `mode`.
    case triangular(min: Double, mode: Double, max: Double)
    /// Gamma with this shape k and scale θ: mean kθ.
    case gamma(shape: Double, scale: Double)
    /// PERT on [min, max] with its mode at `mode`: min + (max − min) · Beta(α, β) with
    /// α = 1 + 4 (mode − min) / (max − min) and β = 1 + 4 (max − mode) / (max − min).
    case pert(min: Double, mode: Double, max: Double)
    /// A mixture: each trial draws from one component, chosen with its weight.
    case mixture([Component])
    /// `base` restricted to [min, max] and renormalised, drawn exactly by its inverse CDF.
    indirect case truncated(Distribution, min: Double, max: Double)
    /// A metalog through elicited percentiles.
    case metalog(Metalog)

    /// One component of a mixture and its weight (the weights sum to 1).
    public struct Component: Hashable, Sendable {
        public let weight: Double
        public let distribution: Distribution
        public init(weight: Double, distribution: Distribution) {
            self.weight = weight
            self.distribution = distribution
        }
    }

    /// The standard normal's 95th percentile, z = Φ⁻¹(0.95): `a to b` spans ±z standard deviations
    /// of log x.
    public static let z95 = 1.6448536269514722

    /// The lognormal whose 5th and 95th percentiles are `a` and `b` (0 < a < b):
    /// mu = (ln a + ln b) / 2, sigma = (ln b − ln a) / (2 z95).
    public static func ninetyPercentInterval(_ a: Double, _ b: Double) -> Distribution {
        .lognormal(mu: 0.5 * (log(a) + log(b)), sigma: (log(b) - log(a)) / (2 * z95))
    }

    /// Whether every trial gets the same value.
    public var isPoint: Bool {
        if case .point = self { return true }
        return false
    }

    /// The family's name as prior files spell it.
    public var family: String {
        switch self {
        case .point: "number"
        case .lognormal: "lognormal"
        case .normal: "normal"
        case .uniform: "uniform"
        case .loguniform: "loguniform"
        case .beta: "beta"
        case .triangular: "triangular"
        case .gamma: "gamma"
        case .pert: "pert"
        case .mixture: "mixture"
        case .truncated: "truncate"
        case .metalog: "quantiles"
        }
    }
}
