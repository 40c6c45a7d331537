import Foundation

/// The order and the way a simulation draws a prior's inputs, one block at a time.
///
/// Every random input is its own *unit* and gets its own column, except that inputs the model
/// uses only through their product (``Model/products``) are drawn as one unit when each is a
/// lognormal, a log-uniform or a point and cannot leave its domain. The unit's logarithm is
/// the sum of the members' logarithms, each drawn from its own stream (``ChunkStreams``): a
/// normal for a lognormal, a uniform for a log-uniform, a constant for a point. One exp then
/// gives the product, which goes in the first member's column, and the others hold 1. The
/// outputs are the same as with the members drawn apart (the equations see only the
/// product), from the same draws, with one exp instead of one per member.
///
/// Inputs joined by `[correlations]` form one unit too, drawn through the prior's Gaussian
/// ``Copula``: independent standard normals z (GSL's ziggurat), y = L z, and each input's
/// marginal at Φ(y) by its inverse CDF (directly for lognormal and normal marginals, through
/// GSL's upper-tail inverses above the median), or, for the families whose inverse CDF
/// iterates, through the input's ``QuantileTable`` of it.
///
/// Each input draws from its own stream, keyed by (seed, chunk, input name), so one seed gives
/// the same draws of an input whatever else the prior holds.
public struct SamplingPlan: Sendable {
    public enum Unit: Sendable, Equatable {
        /// One input, drawn into its own column; `checked` when its samples can leave the
        /// input's domain and must be counted.
        case single(Input, checked: Bool)
        /// Inputs drawn as one product, by `law`, into the first one's column.
        case product([Input], ProductLaw)
        /// Inputs joined by a Gaussian copula, each into its own column; `checked` as above,
        /// per input.
        case copula(Copula, checked: [Bool])
    }

    /// The law of a product of independent lognormal, log-uniform and point factors, by its
    /// logarithm: N(mu, sigma²) plus one U(low, high) per log-uniform factor.
    public struct ProductLaw: Sendable, Equatable {
        /// Mean and standard deviation of the Gaussian part: the lognormal members' mu and
        /// sigma² summed, plus the log of every point member. sigma is 0 without lognormals.
        public let mu: Double
        public let sigma: Double
        /// log min and log max of each log-uniform member, in member order.
        public let logUniforms: [ClosedRange<Double>]
        /// Each member's logarithm's law, in member order.
        public let factors: [Factor]

        /// The law of one member's logarithm.
        public enum Factor: Sendable, Equatable {
            case gaussian(mu: Double, sigma: Double)
            case uniform(ClosedRange<Double>)
            case constant(Double)
        }

        init(_ distributions: [Distribution]) {
            factors = distributions.map { distribution in
                switch distribution {
                case .lognormal(let m, let s): .gaussian(mu: m, sigma: s)
                case .loguniform(let low, let high): .uniform(log(low)...log(high))
                case .point(let v): .constant(log(v))
                default: preconditionFailure("\(distribution.family) has no logarithm sampler")
                }
            }
            var mu = 0.0
            var variance = 0.0
            var logUniforms: [ClosedRange<Double>] = []
            for factor in factors {
                switch factor {
                case .gaussian(let m, let s):
                    mu += m
                    variance += s * s
                case .uniform(let range): logUniforms.append(range)
                case .constant(let c): mu += c
                }
            }
            self.mu = mu
            sigma = variance.squareRoot()
            self.logUniforms = logUniforms
        }

        /// Whether every product the law can draw (its Gaussian part within 40 standard
        /// deviations, its log-uniform parts anywhere in their ranges) is a positive finite
        /// double: only then may the product be drawn in one go, for its factors might each
        /// fit while their product does not (20 × 1e308).
        var staysInRange: Bool {
            let low = mu - 40 * sigma + logUniforms.reduce(0) { $0 + $1.lowerBound }
            let high = mu + 40 * sigma + logUniforms.reduce(0) { $0 + $1.upperBound }
            return low > -700 && high < 700
        }
    }

    public let units: [Unit]
    /// Columns that hold a constant for the whole run: point inputs at their value, and the
    /// other members of product units at 1.
    public let constants: [(Input, Double)]

    /// The plan for `prior`. With `mergingProducts` false (for Latin hypercube and Sobol
    /// designs, which stratify every input on its own) no inputs are drawn as products.
    public init(_ prior: Prior, mergingProducts: Bool = true) {
        var units: [Unit] = []
        var constants: [(Input, Double)] = []
        var grouped = Set<Input>()
        if let copula = prior.copula {
            grouped.formUnion(copula.inputs)
            units.append(
                .copula(copula, checked: copula.inputs.map { !prior[$0].distribution.alwaysIn($0.spec.domain) }))
        }
        for group in Model.products(for: Model.Configuration(prior))
        where mergingProducts && grouped.isDisjoint(with: group) {
            let distributions = group.map { prior[$0].distribution }
            let random = distributions.filter { !$0.isPoint }.count
            guard random >= 2,
                zip(group, distributions).allSatisfy({ $1.hasLogarithmSampler && $1.alwaysIn($0.spec.domain) }),
                ProductLaw(distributions).staysInRange
            else { continue }
            grouped.formUnion(group)
            units.append(.product(group, ProductLaw(distributions)))
            constants += group.dropFirst().map { ($0, 1.0) }
        }
        for input in Input.allCases where !grouped.contains(input) {
            let distribution = prior[input].distribution
            if case .point(let value) = distribution {
                constants.append((input, value))
            } else {
                units.append(.single(input, checked: !distribution.alwaysIn(input.spec.domain)))
            }
        }
        self.units = units.sorted { Self.firstInput($0).rawValue < Self.firstInput($1).rawValue }
        self.constants = constants
    }

    /// Whether `input` is drawn as a member of a product unit, so that its column holds the
    /// product (or 1) rather than its own value.
    public func isProductMember(_ input: Input) -> Bool {
        units.contains { unit in
            if case .product(let members, _) = unit { return members.contains(input) }
            return false
        }
    }

    /// The inputs that draw random numbers: every unit's members but a product's points.
    public var drawnInputs: [Input] {
        units.flatMap { unit -> [Input] in
            switch unit {
            case .single(let input, _): [input]
            case .product(let members, let law):
                zip(members, law.factors).compactMap { member, factor in
                    if case .constant = factor { return nil }
                    return member
                }
            case .copula(let copula, _): copula.inputs
            }
        }
    }

    /// The input behind each dimension of a design, in dimension order (``dimensions``).
    public var dimensionInputs: [Input] {
        units.flatMap { unit -> [Input] in
            switch unit {
            case .single(let input, _): [input]
            case .copula(let copula, _): copula.inputs
            case .product: []
            }
        }
    }

    /// Dimensions a design needs: one per single input, one per input of the copula (whose
    /// uniforms become its normals), none for products (which designs do not use).
    public var dimensions: Int {
        units.reduce(0) { total, unit in
            switch unit {
            case .single: total + 1
            case .copula(let copula, _): total + copula.inputs.count
            case .product: total
            }
        }
    }

    private static func firstInput(_ unit: Unit) -> Input {
        switch unit {
        case .single(let input, _): input
        case .product(let inputs, _): inputs[0]
        case .copula(let copula, _): copula.inputs[0]
        }
    }
}
