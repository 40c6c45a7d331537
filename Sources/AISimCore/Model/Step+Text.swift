extension Step {
    /// The step's formula as text, as `explain` and `aisim inputs` write it:
    /// `√(C / (train_flop_per_param_token × tokens_per_param × H))`.
    ///
    /// `name` writes each input and output (a symbol such as `N`, or a number); a factor
    /// whose name is nil is left out (an optional input the prior does not set multiplies by
    /// exactly 1). A term is written out where it is used: a product in place, a quotient in
    /// parentheses. Constants carry their meaning when `meanings` is set
    /// (`31,557,600 s/year`), and are bare numbers otherwise.
    public func formulaText(name: (Quantity) -> String?, meanings: Bool) -> String {
        let numerator: [Factor]
        let denominator: [Factor]
        let squareRoot: Bool
        switch formula {
        case .product(let top, let bottom, let root): (numerator, denominator, squareRoot) = (top, bottom, root)
        case .difference(let a, let b):
            return (name(a) ?? "") + " − " + (name(b) ?? "")
        case .maximum(let left, let right):
            let sides = [left, right].map {
                Self.factorsText($0, name: name, meanings: meanings).joined(separator: " × ")
            }
            return "max(" + sides.joined(separator: ", ") + ")"
        }
        let top = Self.factorsText(numerator, name: name, meanings: meanings)
        let bottom = Self.factorsText(denominator, name: name, meanings: meanings)
        var text = top.joined(separator: " × ")
        if !bottom.isEmpty {
            text += " / " + (bottom.count == 1 ? bottom[0] : "(" + bottom.joined(separator: " × ") + ")")
        }
        return squareRoot ? "√(\(text))" : text
    }

    /// Each factor's text, with product terms spread out in place.
    private static func factorsText(_ factors: [Factor], name: (Quantity) -> String?, meanings: Bool) -> [String] {
        factors.flatMap { factor -> [String] in
            switch factor {
            case .quantity(.term(let term)):
                let step = Model.definition(of: term)
                guard case .product(let top, let bottom, false) = step.formula, bottom.isEmpty else {
                    return ["(" + step.formulaText(name: name, meanings: meanings) + ")"]
                }
                return factorsText(top, name: name, meanings: meanings)
            case .quantity(let quantity):
                return name(quantity).map { [$0] } ?? []
            case .power(let base, let exponent, let negated):
                let baseText = factorsText([.quantity(base)], name: name, meanings: meanings).joined(separator: " × ")
                let written: String?
                if case .term(let term) = exponent {
                    written = Model.definition(of: term).formulaText(name: name, meanings: meanings)
                } else {
                    written = name(exponent)
                }
                guard let exponentText = written else { return [] }
                return ["\(baseText)^(\(negated ? "-" : "")\(exponentText))"]
            case .constant(_, let text, let meaning):
                return [meanings ? "\(text) \(meaning)" : text]
            }
        }
    }
}

extension Model {
    /// The inputs that the steps run only under `condition` read, in input order: those of
    /// the derived serial speed, say.
    public static func inputs(usedBy condition: Condition) -> [Input] {
        let used = steps.filter { $0.condition == condition }.flatMap(\.formula.quantities)
        return Input.allCases.filter { used.contains(.input($0)) }
    }

    /// The step that computes `term`.
    static func definition(of term: Term) -> Step {
        guard let step = steps.first(where: { $0.result == .term(term) }) else {
            preconditionFailure("no step computes \(term)")
        }
        return step
    }

    /// The symbol formulas write for `quantity`: an input's symbol (its name, or H), the symbol
    /// of the step that computes an output.
    public static func symbol(of quantity: Quantity) -> String {
        switch quantity {
        case .input(let input): return input.spec.symbol
        case .output, .term:
            return steps.first { $0.result == quantity }?.symbol ?? ""
        }
    }
}
