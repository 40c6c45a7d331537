/// What the model knows about one input: its name in prior files, its unit, what it means,
/// the post's value (used when a prior leaves the input out) and the values the equations accept.
public struct InputSpec: Sendable {
    public let name: String
    public let unit: String
    public let meaning: String
    public let postValue: Double
    public let domain: Domain
    /// An input of the model's later extensions (utilisation, derived serial speed, the human
    /// comparison): listed in tables and JSON only when a prior sets it, so priors that do not
    /// use them print exactly what they printed before.
    public let optional: Bool
    /// How formulas write the input: its name, or a symbol such as H.
    public let symbol: String

    init(
        _ name: String, _ unit: String, _ meaning: String, _ postValue: Double, domain: Domain = .positive,
        optional: Bool = false,
        symbol: String? = nil
    ) {
        self.name = name
        self.symbol = symbol ?? name
        self.unit = unit
        self.meaning = meaning
        self.postValue = postValue
        self.domain = domain
        self.optional = optional
    }
}

/// The values an input may take for the equations to mean something.
public enum Domain: Sendable {
    /// Finite and greater than zero (quantities under a square root or in a divisor).
    case positive
    /// A share: greater than zero and at most one.
    case unitInterval
    /// Any finite number: a calendar year.
    case finite

    /// Whether `x` is allowed. NaN and infinities never are.
    @inlinable
    public func contains(_ x: Double) -> Bool {
        switch self {
        case .positive: x > 0 && x < .infinity
        case .unitInterval: x > 0 && x <= 1
        case .finite: x.isFinite
        }
    }

    /// The domain in words, for error messages: "> 0" or "in (0, 1]".
    public var requirement: String {
        switch self {
        case .positive: "a finite number > 0"
        case .unitInterval: "in (0, 1]"
        case .finite: "a finite number"
        }
    }
}
