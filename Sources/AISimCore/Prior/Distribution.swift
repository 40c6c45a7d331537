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
        }
    }
}
