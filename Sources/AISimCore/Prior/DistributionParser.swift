/// Parses the distribution strings of prior files, in a syntax familiar to Squiggle users.
///
/// Grammar (whitespace is free between tokens):
///
///     distribution := term ("to" term)?
///     term         := number | family "(" arguments? ")"
///     arguments    := argument ("," argument)*
///     argument     := (label ("=" | ":"))? distribution
///     label        := name | number
///     number       := decimal with optional exponent: 4e21, 0.25, -3, .5
///
/// `a to b` is the lognormal with 5th and 95th percentiles `a` and `b` (0 < a < b). A bare
/// number is a point value. What arguments a family takes, and how they may be labelled, is
/// the family's business (``Family``): `normal(mean=40, sd=10)`, `mixture(0.3: 1 to 10, 0.7: 20)`,
/// `quantiles(5: 10, 50: 40, 95: 100, lower=0)`.
///
/// Families nest at most ``maximumDepth`` deep, and a string is at most ``maximumLength``
/// characters, so no input can exhaust the stack.
///
/// Complexity: O(length of the string).
public enum DistributionParser {
    public static let maximumDepth = 16
    public static let maximumLength = 4096

    /// The distribution `text` describes, or an error that quotes the offending part.
    public static func parse(_ text: String) throws(DistributionError) -> Distribution {
        guard text.count <= maximumLength else {
            throw DistributionError(
                "the distribution string is \(text.count) characters long; the limit is \(maximumLength)")
        }
        var parser = Parser(text: text)
        return try parser.parseAll()
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

    mutating func parseAll() throws(DistributionError) -> Distribution {
        tokens = try tokenize(text)
        guard tokens.first?.kind != .end else {
            throw DistributionError("empty distribution: write a number or a family such as \"normal(40, 10)\"")
        }
        let result = try parseDistribution(depth: 0)
        guard peek.kind == .end else {
            throw DistributionError(
                "unexpected \(describe(peek)) after a complete distribution; write one distribution per input")
        }
        return result.distribution
    }

    private struct Parsed {
        let distribution: Distribution
        let text: String
    }

    private mutating func parseDistribution(depth: Int) throws(DistributionError) -> Parsed {
        let start = position
        let first = try parseTerm(depth: depth)
        guard case .word("to") = peek.kind else { return first }
        advance()
        let second = try parseTerm(depth: depth)
        return Parsed(distribution: try range(first, second), text: source(from: start))
    }

    private mutating func parseTerm(depth: Int) throws(DistributionError) -> Parsed {
        let token = peek
        switch token.kind {
        case .number(let value):
            advance()
            return Parsed(distribution: .point(value), text: token.text)
        case .word(let name):
            let start = position
            advance()
            guard let family = Family.named(name) else {
                let hint = Suggestion.didYouMean(name, among: Family.all.map(\.name))
                throw DistributionError(
                    "unknown family \(quoted(name))"
                        + (hint.isEmpty
                            ? "; known families: \(Family.all.map(\.signature).joined(separator: ", ")), a number, or \"a to b\""
                            : hint))
            }
            guard depth < DistributionParser.maximumDepth else {
                throw DistributionError("distributions nest more than \(DistributionParser.maximumDepth) deep")
            }
            try expect("(", after: name)
            let arguments = try parseArguments(of: family, depth: depth + 1)
            return Parsed(distribution: try family.build(arguments), text: source(from: start))
        case .symbol(let c):
            throw DistributionError(
                "unexpected \(quoted(String(c))): expected a number or a family such as \"normal(40, 10)\"")
        case .end:
            throw DistributionError("the string ends where a number or a family was expected")
        }
    }

    private mutating func parseArguments(of family: Family, depth: Int) throws(DistributionError) -> [Family.Argument] {
        var arguments: [Family.Argument] = []
        if peek.kind == .symbol(")") {
            advance()
            return arguments
        }
        while true {
            var label: String?
            var separator: Character?
            switch (peek.kind, next.kind) {
            case (.word(let word), .symbol("=")), (.word(let word), .symbol(":")):
                label = word
            case (.number, .symbol("=")), (.number, .symbol(":")):
                label = peek.text
            default:
                break
            }
            if label != nil {
                advance()
                if case .symbol(let c) = peek.kind { separator = c }
                advance()
            }
            let value = try parseDistribution(depth: depth)
            arguments.append(
                Family.Argument(label: label, separator: separator, value: value.distribution, text: value.text))
            if peek.kind == .symbol(",") {
                advance()
                continue
            }
            try expect(")", after: "the arguments of \(family.name)")
            return arguments
        }
    }

    private func range(_ low: Parsed, _ high: Parsed) throws(DistributionError) -> Distribution {
        guard case .point(let a) = low.distribution, case .point(let b) = high.distribution else {
            throw DistributionError("\"a to b\" takes two numbers, not \(quoted(low.text)) and \(quoted(high.text))")
        }
        guard a > 0 else {
            throw DistributionError("in \"a to b\" (a lognormal) a must be > 0 (got \(low.text))")
        }
        guard a < b else {
            throw DistributionError("in \"a to b\" a must be less than b (got \(low.text) to \(high.text))")
        }
        return Distribution.ninetyPercentInterval(a, b)
    }

    /// The tokens from `start` to the current position, as written: a space between words and
    /// numbers and after commas and colons, none around brackets and `=`.
    private func source(from start: Int) -> String {
        var text = ""
        for token in tokens[start..<position] {
            if case .symbol = token.kind {
            } else if let last = text.last, last != "(", last != "=" {
                text += " "
            }
            text += token.text
        }
        return text
    }

    private var peek: Token { tokens[position] }
    /// The token after ``peek``: the end token when ``peek`` is the end (found by fuzzing:
    /// `"normal("` read past the last token).
    private var next: Token { tokens[min(position + 1, tokens.count - 1)] }
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
        if c.isNumber || c == "."
            || ((c == "-" || c == "+") && rest.dropFirst().first.map { $0.isNumber || $0 == "." } == true)
        {
            let lexeme = numberLexeme(rest)
            guard let value = Double(lexeme), value.isFinite else {
                throw DistributionError("\(quoted(lexeme)) is not a finite number")
            }
            if let next = rest.dropFirst(lexeme.count).first, next.isLetter,
                !rest.dropFirst(lexeme.count).hasPrefix("to")
            {
                let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
                throw DistributionError("\(quoted(word)) is not a number: write plain decimals such as 4e21 or 0.25")
            }
            tokens.append(Token(kind: .number(value), text: String(lexeme)))
            rest = rest.dropFirst(lexeme.count)
        } else if c.isLetter || c == "_" {
            let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            tokens.append(Token(kind: .word(String(word)), text: String(word)))
            rest = rest.dropFirst(word.count)
        } else if "(),=:".contains(c) {
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
    if end < s.endIndex, s[end] == "." {
        end = s.index(after: end)
        skipDigits()
    }
    if end < s.endIndex, s[end] == "e" || s[end] == "E" {
        var exponentEnd = s.index(after: end)
        if exponentEnd < s.endIndex, s[exponentEnd] == "+" || s[exponentEnd] == "-" {
            exponentEnd = s.index(after: exponentEnd)
        }
        if exponentEnd < s.endIndex, s[exponentEnd].isASCII, s[exponentEnd].isNumber {
            end = exponentEnd
            skipDigits()
        }
    }
    return s[s.startIndex..<end]
}
