import Foundation

/// A named family of the prior syntax, such as `normal(mean, sd)` or `mixture(w: dist, ...)`:
/// the arguments it takes and the checks that turn them into a valid ``Distribution``.
///
/// The parser knows families only through ``Family/all``, so a new family is one entry here
/// plus its sampler and statistics.
public struct Family: Sendable {
    public let name: String
    /// How a prior string calls the family, for help and error messages.
    public let signature: String
    /// What the family means, in one line.
    public let summary: String
    let build: @Sendable ([Argument]) throws(DistributionError) -> Distribution

    /// One argument as written: an optional label (`sd=`, `0.3:`, `5:`), and its value.
    struct Argument {
        let label: String?
        let separator: Character?
        let value: Distribution
        let text: String

        /// The value as a number, if it is one.
        var number: Double? {
            if case .point(let x) = value { return x }
            return nil
        }
    }

    /// Every family a prior string can name.
    public static let all: [Family] = [
        numeric("lognormal", ["mu", "sigma"], "exp of a normal; mu and sigma are the mean and sd of log x") {
            p throws(DistributionError) in
            try require(p[1] > 0, "sigma must be > 0 (got \(p[1]))")
            // exp(mu) is the median: it must be a positive finite double.
            try require(
                exp(p[0]) > 0 && exp(p[0]) < .infinity,
                "mu is the log of the median, so exp(mu) must be a positive finite double: mu from about -745.1 to 709.7 (got \(p[0]))"
            )
            return .lognormal(mu: p[0], sigma: p[1])
        },
        numeric("normal", ["mean", "sd"], "normal with this mean and standard deviation") {
            p throws(DistributionError) in
            try require(p[1] > 0, "sd must be > 0 (got \(p[1]))")
            return .normal(mean: p[0], sd: p[1])
        },
        numeric("uniform", ["min", "max"], "uniform between min and max") { p throws(DistributionError) in
            try require(p[0] < p[1], "min must be less than max (got min \(p[0]), max \(p[1]))")
            return .uniform(min: p[0], max: p[1])
        },
        numeric("loguniform", ["min", "max"], "uniform in log space between min and max") {
            p throws(DistributionError) in
            try require(p[0] > 0, "min must be > 0 (got \(p[0]))")
            try require(p[0] < p[1], "min must be less than max (got min \(p[0]), max \(p[1]))")
            return .loguniform(min: p[0], max: p[1])
        },
        numeric("beta", ["a", "b"], "beta on (0, 1) with shape parameters a and b") { p throws(DistributionError) in
            try require(p[0] > 0, "a must be > 0 (got \(p[0]))")
            try require(p[1] > 0, "b must be > 0 (got \(p[1]))")
            return .beta(a: p[0], b: p[1])
        },
        numeric("triangular", ["min", "mode", "max"], "triangular from min to max, peaking at mode") {
            p throws(DistributionError) in
            try require(p[0] < p[2], "min must be less than max (got min \(p[0]), max \(p[2]))")
            try require(p[0] <= p[1] && p[1] <= p[2], "mode must lie between min and max (got \(p[1]))")
            return .triangular(min: p[0], mode: p[1], max: p[2])
        },
        numeric("pert", ["min", "mode", "max"], "PERT (a smoothed triangular) from min to max, with its mode at mode") {
            p throws(DistributionError) in
            try require(p[0] < p[2], "min must be less than max (got min \(p[0]), max \(p[2]))")
            try require(p[0] <= p[1] && p[1] <= p[2], "mode must lie between min and max (got \(p[1]))")
            return .pert(min: p[0], mode: p[1], max: p[2])
        },
        numeric("gamma", ["shape", "scale"], "gamma with this shape and scale; its mean is shape · scale") {
            p throws(DistributionError) in
            try require(p[0] > 0, "shape must be > 0 (got \(p[0]))")
            try require(p[1] > 0, "scale must be > 0 (got \(p[1]))")
            return .gamma(shape: p[0], scale: p[1])
        },
        Family(
            name: "mixture", signature: "mixture(w1: dist1, w2: dist2, ...)",
            summary: "a mixture: each trial draws from one distribution, chosen with its weight; the weights sum to 1",
            build: buildMixture),
        Family(
            name: "truncate", signature: "truncate(dist, min, max)",
            summary: "dist restricted to [min, max], drawn exactly by its inverse CDF",
            build: buildTruncated),
        Family(
            name: "quantiles", signature: "quantiles(5: a, 50: b, 95: c, ..., lower=0)",
            summary: "a metalog through three or more elicited percentiles, optionally bounded below",
            build: buildMetalog),
    ]

    /// The family called `name`, if there is one.
    public static func named(_ name: String) -> Family? { all.first { $0.name == name } }

    /// A family of numeric parameters, given by position or all by name (`normal(sd=10, mean=40)`).
    private static func numeric(
        _ name: String, _ parameters: [String], _ summary: String,
        _ build: @escaping @Sendable ([Double]) throws(DistributionError) -> Distribution
    ) -> Family {
        let signature = "\(name)(\(parameters.joined(separator: ", ")))"
        return Family(name: name, signature: signature, summary: summary) { arguments throws(DistributionError) in
            var positional: [Double] = []
            var named: [String: Double] = [:]
            for (index, argument) in arguments.enumerated() {
                guard let value = argument.number else {
                    throw DistributionError(
                        "\(name): expected a number as argument \(index + 1) of \(signature), found \"\(argument.text)\""
                    )
                }
                guard value.isFinite else {
                    throw DistributionError("\(name): \(argument.text) is not a finite number")
                }
                if let label = argument.label {
                    guard argument.separator == "=", parameters.contains(label) else {
                        throw DistributionError(
                            "\(name) has no parameter \"\(label)\"\(Suggestion.didYouMean(label, among: parameters)); it takes \(signature)"
                        )
                    }
                    guard named.updateValue(value, forKey: label) == nil else {
                        throw DistributionError("\(name): \(label) is given twice")
                    }
                } else {
                    positional.append(value)
                }
            }
            guard positional.isEmpty || named.isEmpty else {
                throw DistributionError("\(name): give all arguments by name or none, as in \(signature)")
            }
            let values: [Double]
            if named.isEmpty {
                guard positional.count == parameters.count else {
                    throw DistributionError(
                        "\(name) takes \(parameters.count) arguments \(signature), got \(positional.count)")
                }
                values = positional
            } else {
                let missing = parameters.filter { named[$0] == nil }
                guard missing.isEmpty else {
                    throw DistributionError(
                        "\(name) needs \(missing.joined(separator: " and ")) too; it takes \(signature)")
                }
                values = parameters.map { named[$0]! }
            }
            do throws(DistributionError) {
                return try build(values)
            } catch {
                throw DistributionError("\(name): \(error.message)")
            }
        }
    }

    /// The most mass a truncation may cut away: at least 1e-9 of the distribution must remain.
    public static let minimumTruncatedMass = 1e-9

    /// The largest sum of weights' rounding a mixture tolerates.
    static let weightTolerance = 1e-9
    /// The most components a mixture may have: each is sampled and evaluated separately, so
    /// an untrusted file must not ask for thousands.
    public static let maximumComponents = 64
}

private func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(DistributionError) {
    if !condition { throw DistributionError(message()) }
}

private func buildMixture(_ arguments: [Family.Argument]) throws(DistributionError) -> Distribution {
    guard arguments.count >= 2 else {
        throw DistributionError(
            "mixture needs at least two weighted distributions, as in mixture(0.3: 1 to 10, 0.7: 5 to 50)")
    }
    guard arguments.count <= Family.maximumComponents else {
        throw DistributionError("mixture has \(arguments.count) components; the limit is \(Family.maximumComponents)")
    }
    var components: [Distribution.Component] = []
    for argument in arguments {
        guard let label = argument.label, argument.separator == ":", let weight = Double(label) else {
            throw DistributionError(
                "mixture: write each component as weight: distribution, as in 0.3: \(argument.text)")
        }
        guard weight > 0 && weight <= 1 else {
            throw DistributionError("mixture: weight \(label) must be greater than 0 and at most 1")
        }
        components.append(.init(weight: weight, distribution: argument.value))
    }
    let total = components.reduce(0) { $0 + $1.weight }
    guard abs(total - 1) <= Family.weightTolerance else {
        throw DistributionError("mixture: the weights must sum to 1, but they sum to \(String(format: "%.10g", total))")
    }
    return .mixture(components)
}

private func buildTruncated(_ arguments: [Family.Argument]) throws(DistributionError) -> Distribution {
    guard arguments.count == 3, arguments.allSatisfy({ $0.label == nil }) else {
        throw DistributionError("truncate takes 3 arguments truncate(dist, min, max), got \(arguments.count)")
    }
    guard let low = arguments[1].number, let high = arguments[2].number else {
        throw DistributionError("truncate: min and max must be numbers, as in truncate(normal(40, 10), 1, 100)")
    }
    guard low < high else {
        throw DistributionError("truncate: min must be less than max (got min \(low), max \(high))")
    }
    let base = arguments[0].value
    let mass = base.mass(between: low, and: high)
    guard mass >= Family.minimumTruncatedMass else {
        throw DistributionError(
            "truncate: \(arguments[0].text) has only \(mass) of its mass between \(low) and \(high); at least \(Family.minimumTruncatedMass) must remain"
        )
    }
    return .truncated(base, min: low, max: high)
}

private func buildMetalog(_ arguments: [Family.Argument]) throws(DistributionError) -> Distribution {
    var points: [Metalog.Point] = []
    var lower: Double?
    for argument in arguments {
        guard let value = argument.number, value.isFinite else {
            throw DistributionError(
                "quantiles: \"\(argument.text)\" is not a number; write percentile: value, as in quantiles(5: 10, 50: 40, 95: 100)"
            )
        }
        switch (argument.label, argument.separator) {
        case ("lower"?, "="):
            guard lower == nil else { throw DistributionError("quantiles: lower is given twice") }
            lower = value
        case (let label?, ":"):
            guard let percent = Double(label) else {
                throw DistributionError("quantiles: \"\(label)\" is not a percentile; write percentile: value")
            }
            points.append(.init(percent: percent, value: value))
        default:
            throw DistributionError(
                "quantiles: write percentile: value (as in 5: 10) or lower=number, not \"\(argument.text)\"")
        }
    }
    return .metalog(try Metalog(points: points, lower: lower))
}

/// Why a distribution string does not describe a valid distribution.
public struct DistributionError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
