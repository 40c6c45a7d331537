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

    /// The product of `factors`.
    static func product(_ factors: [Factor]) -> Formula { .product(factors, over: [], squareRoot: false) }

    /// `numerator` over `denominator`.
    static func quotient(_ numerator: [Factor], _ denominator: [Factor]) -> Formula {
        .product(numerator, over: denominator, squareRoot: false)
    }
}

/// When a step applies, which depends on what the prior sets.
public enum Condition: Sendable, Equatable {
    case always
    /// Only when serial speed is derived from model size (`serial_tokens_per_s = "derived"`).
    case derivedSerialSpeed

    /// Whether a step with this condition runs under `configuration`.
    func holds(in configuration: Model.Configuration) -> Bool {
        switch self {
        case .always: true
        case .derivedSerialSpeed: configuration.derivedSerialSpeed
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
