extension Distribution: CustomStringConvertible {
    /// The distribution in the prior syntax, every parameter written so that it reads back as
    /// the same double: parsing the text gives this distribution again. (`a to b` comes back
    /// as the lognormal it means.)
    public var description: String {
        switch self {
        case .point(let v): "\(v)"
        case .lognormal(let mu, let sigma): "lognormal(\(mu), \(sigma))"
        case .normal(let mean, let sd): "normal(\(mean), \(sd))"
        case .uniform(let a, let b): "uniform(\(a), \(b))"
        case .loguniform(let a, let b): "loguniform(\(a), \(b))"
        case .beta(let a, let b): "beta(\(a), \(b))"
        case .triangular(let a, let c, let b): "triangular(\(a), \(c), \(b))"
        case .gamma(let k, let theta): "gamma(\(k), \(theta))"
        case .pert(let a, let c, let b): "pert(\(a), \(c), \(b))"
        case .mixture(let components):
            "mixture(" + components.map { "\($0.weight): \($0.distribution)" }.joined(separator: ", ") + ")"
        case .truncated(let base, let low, let high): "truncate(\(base), \(low), \(high))"
        case .metalog(let metalog):
            "quantiles("
                + (metalog.points.map { "\($0.percent): \($0.value)" }
                + (metalog.lower.map { ["lower=\($0)"] } ?? [])).joined(separator: ", ") + ")"
        }
    }
}
