/// A named family of the prior syntax, such as `normal(mean, sd)`: its parameters and the
/// checks that turn numbers into a valid ``Distribution``.
///
/// The parser knows families only through ``Family/all``, so a new family is one entry here
/// plus its sampler and statistics.
public struct Family: Sendable {
    public let name: String
    public let parameters: [String]
    /// What the family means, in one line, for `--help` and error messages.
    public let summary: String
    let build: @Sendable ([Double]) throws(DistributionError) -> Distribution

    /// Every family a prior string can name.
    public static let all: [Family] = [
        Family(name: "lognormal", parameters: ["mu", "sigma"], summary: "exp of a normal; mu and sigma are the mean and sd of log x") { p throws(DistributionError) in
            try require(p[1] > 0, "sigma must be > 0 (got \(p[1]))")
            return .lognormal(mu: p[0], sigma: p[1])
        },
        Family(name: "normal", parameters: ["mean", "sd"], summary: "normal with this mean and standard deviation") { p throws(DistributionError) in
            try require(p[1] > 0, "sd must be > 0 (got \(p[1]))")
            return .normal(mean: p[0], sd: p[1])
        },
        Family(name: "uniform", parameters: ["min", "max"], summary: "uniform between min and max") { p throws(DistributionError) in
            try require(p[0] < p[1], "min must be less than max (got min \(p[0]), max \(p[1]))")
            return .uniform(min: p[0], max: p[1])
        },
        Family(name: "loguniform", parameters: ["min", "max"], summary: "uniform in log space between min and max") { p throws(DistributionError) in
            try require(p[0] > 0, "min must be > 0 (got \(p[0]))")
            try require(p[0] < p[1], "min must be less than max (got min \(p[0]), max \(p[1]))")
            return .loguniform(min: p[0], max: p[1])
        },
        Family(name: "beta", parameters: ["a", "b"], summary: "beta on (0, 1) with shape parameters a and b") { p throws(DistributionError) in
            try require(p[0] > 0, "a must be > 0 (got \(p[0]))")
            try require(p[1] > 0, "b must be > 0 (got \(p[1]))")
            return .beta(a: p[0], b: p[1])
        },
        Family(name: "triangular", parameters: ["min", "mode", "max"], summary: "triangular from min to max, peaking at mode") { p throws(DistributionError) in
            try require(p[0] < p[2], "min must be less than max (got min \(p[0]), max \(p[2]))")
            try require(p[0] <= p[1] && p[1] <= p[2], "mode must lie between min and max (got \(p[1]))")
            return .triangular(min: p[0], mode: p[1], max: p[2])
        },
    ]

    /// The family called `name`, if there is one.
    public static func named(_ name: String) -> Family? { all.first { $0.name == name } }

    /// `name(p1, p2, ...)`, as the prior syntax writes a call to this family.
    public var signature: String { "\(name)(\(parameters.joined(separator: ", ")))" }

    /// Checks `arguments.count` and each argument's finiteness, then the family's own domain.
    func make(_ arguments: [Double]) throws(DistributionError) -> Distribution {
        guard arguments.count == parameters.count else {
            throw DistributionError("\(name) takes \(parameters.count) arguments \(signature), got \(arguments.count)")
        }
        for (name, value) in zip(parameters, arguments) where !value.isFinite {
            throw DistributionError("\(self.name): \(name) must be a finite number (got \(value))")
        }
        do {
            return try build(arguments)
        } catch {
            throw DistributionError("\(name): \(error.message)")
        }
    }
}

private func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(DistributionError) {
    if !condition { throw DistributionError(message()) }
}

/// Why a distribution string does not describe a valid distribution.
public struct DistributionError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
