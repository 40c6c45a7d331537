import AISimCore
import Foundation

extension Distribution {
    /// The distribution as a person reads it: the family with its parameters named and
    /// rounded to four significant digits, as `aisim check` prints it.
    public var explained: String {
        let g = NumberFormat.compact
        switch self {
        case .point(let v): return "the number \(g(v))"
        case .lognormal(let mu, let sigma):
            return "lognormal(mu=\(g(mu)), sigma=\(g(sigma))): median \(NumberFormat.short(exp(mu)))"
        case .normal(let mean, let sd): return "normal(mean=\(g(mean)), sd=\(g(sd)))"
        case .uniform(let a, let b): return "uniform(min=\(g(a)), max=\(g(b)))"
        case .loguniform(let a, let b): return "loguniform(min=\(g(a)), max=\(g(b)))"
        case .beta(let a, let b): return "beta(a=\(g(a)), b=\(g(b)))"
        case .triangular(let a, let c, let b): return "triangular(min=\(g(a)), mode=\(g(c)), max=\(g(b)))"
        case .gamma(let k, let theta): return "gamma(shape=\(g(k)), scale=\(g(theta)))"
        case .pert(let a, let c, let b): return "pert(min=\(g(a)), mode=\(g(c)), max=\(g(b)))"
        case .mixture(let components):
            return "mixture of "
                + components.map { "\(g($0.weight)) × \($0.distribution.explained)" }.joined(separator: " and ")
        case .truncated(let base, let low, let high):
            return "\(base.explained), truncated to [\(g(low)), \(g(high))]"
        case .metalog(let metalog):
            let points = metalog.points.map { "p\(g($0.percent)) = \(g($0.value))" }.joined(separator: ", ")
            return "\(metalog.coefficients.count)-term metalog through \(points)"
                + (metalog.lower.map { ", above \(g($0))" } ?? "")
        }
    }
}
