/// Parses the distribution strings of prior files, in a syntax familiar to Squiggle users.
///
/// Grammar (whitespace is free between tokens):
///
///     distribution := term ("to" term)?
///     term         := number | family "(" arguments? ")"
///     arguments    := argument ("," argument)*
///     argument     := (parameter "=")? number
///     number       := decimal with optional exponent: 4e21, 0.25, -3, .5
///
/// `a to b` is the lognormal with 5th and 95th percentiles `a` and `b` (0 < a < b).
/// A bare number is a point value. Arguments may be named (`normal(mean=40, sd=10)`);
/// named and positional arguments may not be mixed.
///
/// Complexity: O(length of the string).
public enum DistributionParser {
    /// The distribution `text` describes, or an error that quotes the offending part.
    public static func parse(_ text: String) throws(DistributionError) -> Distribution {
        var parser = Parser(text: text)
        return try parser.parseDistribution()
    }
}

private struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case word(String)
        case symbol(Character)
        case end
    }
    let kind: Kind
    let text: String
}

private struct Parser {
    let text: String
    var tokens: [Token] = []
    var position = 0

    init(text: String) { self.text = text }

    mutating func parseDistribution() throws(DistributionError) -> Distribution {
        tokens = try tokenize(text)
        guard tokens.first?.kind != .end else {
            throw DistributionError("empty distribution: write a number or a family such as \"normal(40, 10)\"")
        }
        let first = try parseTerm()
        var result = first.distribution
        if case .word("to") = peek.kind {
            advance()
            let second = try parseTerm()
            result = try range(first, second)
        }
        guard peek.kind == .end else {
            throw DistributionError("unexpected \(describe(peek)) after a complete distribution; write one distribution per input")
        }
        return result
    }

    private struct Term {
        let distribution: Distribution
        let text: String
    }

    private mutating func parseTerm() throws(DistributionError) -> Term {
        let token = peek
        switch token.kind {
        case .number(let value):
            advance()
            return Term(distribution: .point(value), text: token.text)
        case .word(let name):
            advance()
            guard let family = Family.named(name) else {
                throw DistributionError("unknown family \(quoted(name))\(Suggestion.didYouMean(name, among: Family.all.map(\.name))); known families: \(Family.all.map(\.signature).joined(separator: ", ")), a number, or \"a to b\"")
            }
            try expect("(", after: name)
            let arguments = try parseArguments(of: family)
            return Term(distribution: try family.make(arguments), text: family.name)
        case .symbol(let c):
            throw DistributionError("unexpected \(quoted(String(c))): expected a number or a family such as \"normal(40, 10)\"")
        case .end:
            throw DistributionError("the string ends where a number or a family was expected")
        }
    }

    private mutating func parseArguments(of family: Family) throws(DistributionError) -> [Double] {
        var positional: [Double] = []
        var named: [String: Double] = [:]
        if peek.kind == .symbol(")") {
            advance()
        } else {
            while true {
                var label: String?
                if case .word(let word) = peek.kind, tokens[position + 1].kind == .symbol("=") {
                    label = word
                    advance()
                    advance()
                }
                let token = peek
                guard case .number(let value) = token.kind else {
                    throw DistributionError("\(family.name): expected a number as argument \(positional.count + named.count + 1) of \(family.signature), found \(describe(token))")
                }
                advance()
                if let label {
                    guard family.parameters.contains(label) else {
                        throw DistributionError("\(family.name) has no parameter \(quoted(label))\(Suggestion.didYouMean(label, among: family.parameters)); it takes \(family.signature)")
                    }
                    guard named.updateValue(value, forKey: label) == nil else {
                        throw DistributionError("\(family.name): \(label) is given twice")
                    }
                } else {
                    positional.append(value)
                }
                if !positional.isEmpty && !named.isEmpty {
                    throw DistributionError("\(family.name): give all arguments by name or none, as in \(family.signature)")
                }
                if peek.kind == .symbol(",") {
                    advance()
                    continue
                }
                try expect(")", after: "the arguments of \(family.name)")
                break
            }
        }
        if named.isEmpty { return positional }
        let missing = family.parameters.filter { named[$0] == nil }
        guard missing.isEmpty else {
            throw DistributionError("\(family.name) needs \(missing.joined(separator: " and ")) too; it takes \(family.signature)")
        }
        return family.parameters.map { named[$0]! }
    }

    private func range(_ low: Term, _ high: Term) throws(DistributionError) -> Distribution {
        guard case .point(let a) = low.distribution, case .point(let b) = high.distribution else {
            throw DistributionError("\"a to b\" takes two numbers, not \(quoted(low.text)) and \(quoted(high.text))")
        }
        guard a > 0 else {
            throw DistributionError("in \"a to b\" (a lognormal) a must be > 0 (got \(low.text))")
        }
        guard a < b else {
            throw DistributionError("in \"a to b\" a must be less than b (got \(low.text) to \(high.text))")
        }
        guard b.isFinite else { throw DistributionError("in \"a to b\" b must be finite") }
        return Distribution.ninetyPercentInterval(a, b)
    }

    private var peek: Token { tokens[position] }
    private mutating func advance() { position = min(position + 1, tokens.count - 1) }

    private mutating func expect(_ symbol: Character, after context: String) throws(DistributionError) {
        guard peek.kind == .symbol(symbol) else {
            throw DistributionError("expected \(quoted(String(symbol))) after \(context), found \(describe(peek))")
        }
        advance()
    }

    private func describe(_ token: Token) -> String {
        token.kind == .end ? "the end of the string" : quoted(token.text)
    }
}

private func quoted<S: StringProtocol>(_ s: S) -> String { "\"\(s)\"" }

private func tokenize(_ text: String) throws(DistributionError) -> [Token] {
    var tokens: [Token] = []
    var rest = text[...]
    while true {
        rest = rest.drop { $0.isWhitespace }
        guard let c = rest.first else { break }
        if c.isNumber || c == "." || ((c == "-" || c == "+") && rest.dropFirst().first.map { $0.isNumber || $0 == "." } == true) {
            let lexeme = numberLexeme(rest)
            guard let value = Double(lexeme), value.isFinite else {
                throw DistributionError("\(quoted(lexeme)) is not a finite number")
            }
            if let next = rest.dropFirst(lexeme.count).first, next.isLetter, !rest.dropFirst(lexeme.count).hasPrefix("to") {
                let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
                throw DistributionError("\(quoted(word)) is not a number: write plain decimals such as 4e21 or 0.25")
            }
            tokens.append(Token(kind: .number(value), text: String(lexeme)))
            rest = rest.dropFirst(lexeme.count)
        } else if c.isLetter || c == "_" {
            let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            tokens.append(Token(kind: .word(String(word)), text: String(word)))
            rest = rest.dropFirst(word.count)
        } else if "(),=".contains(c) {
            tokens.append(Token(kind: .symbol(c), text: String(c)))
            rest = rest.dropFirst()
        } else {
            throw DistributionError("unexpected character \(quoted(String(c))) in \(quoted(text))")
        }
    }
    tokens.append(Token(kind: .end, text: ""))
    return tokens
}

/// The longest prefix of `s` shaped like a decimal number: sign, digits, point, digits, exponent.
private func numberLexeme(_ s: Substring) -> Substring {
    var end = s.startIndex
    func skipDigits() { while end < s.endIndex, s[end].isASCII, s[end].isNumber { end = s.index(after: end) } }
    if end < s.endIndex, s[end] == "+" || s[end] == "-" { end = s.index(after: end) }
    skipDigits()
    if end < s.endIndex, s[end] == "." { end = s.index(after: end); skipDigits() }
    if end < s.endIndex, s[end] == "e" || s[end] == "E" {
        var exponentEnd = s.index(after: end)
        if exponentEnd < s.endIndex, s[exponentEnd] == "+" || s[exponentEnd] == "-" { exponentEnd = s.index(after: exponentEnd) }
        if exponentEnd < s.endIndex, s[exponentEnd].isASCII, s[exponentEnd].isNumber {
            end = exponentEnd
            skipDigits()
        }
    }
    return s[s.startIndex..<end]
}
