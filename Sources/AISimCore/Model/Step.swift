/// One equation of the model: a quantity computed from inputs and from earlier steps.
///
/// The model is the list ``Model/steps``. Every consumer reads it: the evaluator runs the
/// steps in order over columns of trials (``ModelEvaluator``), and in log space for a trial
/// whose direct product overflows although its result does not; `explain` and
/// `aisim inputs` write each step's formula from it (``Step/formulaText(symbols:constants:)``).
public struct Step: Sendable {
    /// What the step computes, in a few words: "cluster compute".
    public let name: String
    /// The symbol formulas use for the result: "F"; empty for a term written out where it is used.
    public let symbol: String
    /// Where the result goes.
    public let result: Quantity
    public let formula: Formula
    /// The result's unit: "FLOP/s".
    public let unit: String
    /// When the step applies.
    public let condition: Condition

    init(
        _ name: String, _ symbol: String, _ result: Quantity, _ formula: Formula, _ unit: String,
        when condition: Condition = .always
    ) {
        self.name = name
        self.symbol = symbol
        self.result = result
        self.formula = formula
        self.unit = unit
        self.condition = condition
    }
}

/// A quantity of the model: an input, an output or an intermediate term.
public enum Quantity: Hashable, Sendable {
    case input(Input)
    case output(Output)
    case term(Term)
}

/// An intermediate quantity, neither an input nor an output: written out in full wherever a
/// formula uses it.
public enum Term: Int, CaseIterable, Sendable {
    /// tokens_per_param × H: data points per parameter.
    case dataPointsPerParameter
    /// N / serial_ref_params, the base of the derived serial speed's power law.
    case sizeRatio
    /// year − base_year, the exponent of the growth factors.
    case yearsSinceBase
    /// The serial speed grown to the year: v × serial_speed_growth^(year − base_year).
    case serialSpeedInYear
}

/// One factor of a product.
public enum Factor: Sendable {
    case quantity(Quantity)
    /// `base` raised to the power `exponent`, or to −`exponent` when `negated`.
    case power(Quantity, exponent: Quantity, negated: Bool)
    /// A fixed number: `text` in formulas with numbers, `text meaning` in formulas with symbols
    /// ("31,557,600" and "31,557,600 s/year").
    case constant(Double, text: String, meaning: String)
}

/// How a step combines its factors.
public enum Formula: Sendable {
    /// ∏ numerator / ∏ denominator, or its square root. The factors multiply left to right
    /// and the denominator's product divides once, so the arithmetic (and its rounding) is
    /// what the formula's text says.
    case product([Factor], over: [Factor], squareRoot: Bool)
    /// `minuend − subtrahend`: the years since the base year, which may be negative.
    case difference(Quantity, Quantity)
    /// The larger of two products: the compute that runs the model, max(F, deploy_share × W).
    case maximum([Factor], [Factor])

    /// The product of `factors`.
    static func product(_ factors: [Factor]) -> Formula { .product(factors, over: [], squareRoot: false) }

    /// `numerator` over `denominator`.
    static func quotient(_ numerator: [Factor], _ denominator: [Factor]) -> Formula {
        .product(numerator, over: denominator, squareRoot: false)
    }
}

/// When a step applies, which depends on what the prior sets: each requirement that is not
/// nil must match the prior's ``Model/Configuration``.
public struct Condition: Sendable, Equatable {
    /// Serial speed derived from model size (`serial_tokens_per_s = "derived"`), or given.
    public var derivedSerialSpeed: Bool?
    /// `deploy_share` set (the model runs on more than its training cluster), or not.
    public var deployment: Bool?
    /// `year` set (compute and serial speed grow from the base year), or not.
    public var growth: Bool?

    public static let always = Condition()
    /// Only when serial speed is derived from model size.
    public static let derivedSerialSpeed = Condition(derivedSerialSpeed: true)

    init(derivedSerialSpeed: Bool? = nil, deployment: Bool? = nil, growth: Bool? = nil) {
        self.derivedSerialSpeed = derivedSerialSpeed
        self.deployment = deployment
        self.growth = growth
    }

    /// Whether a step with this condition runs under `configuration`.
    func holds(in configuration: Model.Configuration) -> Bool {
        (derivedSerialSpeed.map { $0 == configuration.derivedSerialSpeed } ?? true)
            && (deployment.map { $0 == configuration.deployment } ?? true)
            && (growth.map { $0 == configuration.growth } ?? true)
    }
}

extension Formula {
    /// The quantities the formula reads.
    var quantities: [Quantity] {
        switch self {
        case .product(let top, let bottom, _), .maximum(let top, let bottom): (top + bottom).flatMap(\.quantities)
        case .difference(let a, let b): [a, b]
        }
    }
}

extension Factor {
    /// The quantities this factor reads.
    var quantities: [Quantity] {
        switch self {
        case .quantity(let quantity): [quantity]
        case .power(let base, let exponent, _): [base, exponent]
        case .constant: []
        }
    }
}

extension Factor {
    /// The input `input` as a factor.
    static func input(_ input: Input) -> Factor { .quantity(.input(input)) }
    /// The output `output` as a factor.
    static func output(_ output: Output) -> Factor { .quantity(.output(output)) }
    /// The term `term` as a factor.
    static func term(_ term: Term) -> Factor { .quantity(.term(term)) }
}
