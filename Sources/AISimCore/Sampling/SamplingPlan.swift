/// The order and the way a simulation draws a prior's inputs, one block at a time.
///
/// Every random input is its own *unit* and gets its own column, except that inputs the model
/// uses only through their product (``Model/products``) are drawn as one unit when each is a
/// lognormal, a log-uniform or a point and cannot leave its domain: the unit draws every
/// member's logarithm, adds them, and takes one exp, so the first member's column holds the
/// product and the others hold 1. That is the same law with fewer exps (five instead of seven
/// per trial for the standard workload).
///
/// Units draw in input order, and each unit's members in order, so one seed gives one stream.
public struct SamplingPlan: Sendable {
    public enum Unit: Sendable, Equatable {
        /// One input, drawn into its own column; `checked` when its samples can leave the
        /// input's domain and must be counted.
        case single(Input, checked: Bool)
        /// Inputs drawn as one product into the first one's column.
        case product([Input])
    }

    public let units: [Unit]
    /// Columns that hold a constant for the whole run: point inputs at their value, and the
    /// other members of product units at 1.
    public let constants: [(Input, Double)]

    public init(_ prior: Prior) {
        var units: [Unit] = []
        var constants: [(Input, Double)] = []
        var grouped = Set<Input>()
        for group in Model.products {
            let distributions = group.map { prior[$0].distribution }
            let random = distributions.filter { !$0.isPoint }.count
            guard random >= 2,
                  zip(group, distributions).allSatisfy({ $1.hasLogarithmSampler && $1.alwaysIn($0.spec.domain) })
            else { continue }
            grouped.formUnion(group)
            units.append(.product(group))
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

    private static func firstInput(_ unit: Unit) -> Input {
        switch unit {
        case .single(let input, _): input
        case .product(let inputs): inputs[0]
        }
    }
}
