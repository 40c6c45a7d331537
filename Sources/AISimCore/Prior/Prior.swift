import Foundation

/// A parsed prior file: a title and one distribution for every input of the model.
///
/// Inputs the file leaves out take the post's value (``InputSpec/postValue``), so a prior
/// always covers the whole model.
public struct Prior: Sendable {
    /// The file's `title`, or its file name when it has none.
    public let title: String
    /// The file's `description`, when it has one.
    public let description: String?
    /// Where the prior came from: the path as the user gave it, or `embedded:NAME`.
    public let source: String
    /// The file's text, exactly as read.
    public let text: String
    /// One entry per input, in ``Input`` order.
    public let entries: [PriorEntry]
    /// Spearman rank correlations between inputs, from the `[correlations]` table.
    public let correlations: [Correlation]
    /// The Gaussian copula the correlations define, or nil when there are none.
    public let copula: Copula?
    /// The SHA-256 of the file's bytes, in lowercase hex: which file produced a table.
    public let sha256: String
    /// The file's correlations that ``setting(_:)`` dropped because an override fixed one of
    /// their inputs at a number.
    public internal(set) var droppedCorrelations: [Correlation] = []

    /// A prior from its parts.
    ///
    /// - Throws: ``PriorError`` when a correlated input is a fixed number or the correlations
    ///   cannot all hold at once.
    public init(
        title: String, description: String? = nil, source: String, text: String, entries: [PriorEntry],
        correlations: [Correlation] = []
    ) throws(PriorError) {
        precondition(entries.map(\.input) == Input.allCases, "one entry per input, in order")
        for correlation in correlations {
            for input in [correlation.first, correlation.second] where entries[input.rawValue].distribution.isPoint {
                let entry = entries[input.rawValue]
                // An input the file leaves out has no line of its own: name the correlation's.
                throw entry.origin == .post
                    ? PriorError(
                        file: source, line: correlation.line, input: input.spec.name,
                        message:
                            "is left at the post's \(entry.text), a fixed number, but [correlations] correlates it (\"\(correlation.key)\"); give it a distribution, or drop the pair"
                    )
                    : PriorError(
                        at: entry, in: source,
                        message:
                            "is a fixed number, but [correlations] correlates it (\"\(correlation.key)\"); a correlation needs two uncertain inputs"
                    )
            }
        }
        let serial = entries[Input.serialTokensPerS.rawValue]
        if !serial.isDerived, let set = Self.derivationInputs.first(where: { entries[$0.rawValue].origin != .post }) {
            let entry = entries[set.rawValue]
            throw PriorError(
                at: entry, in: source,
                message:
                    "sets the derived serial speed, but serial_tokens_per_s is \(serial.origin == .post ? "left at the post's \(serial.text)" : "given as \(serial.text)"): give serial_tokens_per_s = \"derived\" to use \(set.spec.name), or drop \(set.spec.name); serial speed cannot be given both ways"
            )
        }
        self.title = title
        self.description = description
        self.source = source
        self.text = text
        self.entries = entries
        self.correlations = correlations
        copula = try Copula(correlations, file: source)
        sha256 = sha256Hex(text)
    }

    /// The inputs of the derived serial speed (`serial_tokens_per_s = "derived"`).
    public static let derivationInputs: [Input] = Model.inputs(usedBy: .derivedSerialSpeed)

    /// Whether serial speed is derived from model size.
    public var derivesSerialSpeed: Bool { self[.serialTokensPerS].isDerived }

    /// Whether tables and JSON list `input`: always for the post's inputs; for the optional
    /// ones when the prior sets them, the derivation's when serial speed is derived, and the
    /// growth's when a year is set.
    public func lists(_ input: Input) -> Bool {
        !input.spec.optional || self[input].origin != .post
            || (derivesSerialSpeed && Self.derivationInputs.contains(input))
            || (self[.year].origin != .post && Self.growthInputs.contains(input))
    }

    /// The inputs that growth to a `year` reads besides the year.
    public static let growthInputs: [Input] = [.baseYear, .computeGrowth, .serialSpeedGrowth]

    /// The growth inputs the prior sets without `year`, which they need to mean anything:
    /// base_year, compute_growth, serial_speed_growth.
    public var growthWithoutYear: [Input] {
        guard self[.year].origin == .post else { return [] }
        return Self.growthInputs.filter { self[$0].origin != .post }
    }

    /// The entries tables and JSON list (``lists(_:)``), in order.
    public var listedEntries: [PriorEntry] { entries.filter { lists($0.input) } }

    /// Whether results report `output`: always, unless its spec names inputs of which the
    /// prior sets none.
    public func reports(_ output: Output) -> Bool {
        output.spec.shownWhenSet.isEmpty || output.spec.shownWhenSet.contains { self[$0].origin != .post }
    }

    /// The outputs results report, in order.
    public var reportedOutputs: [Output] { Output.allCases.filter(reports) }

    /// The same prior with `entries` replaced, and without the correlations of inputs they
    /// fix at a number (listed in ``droppedCorrelations``).
    func replacing(_ entries: [PriorEntry]) throws(PriorError) -> Prior {
        let fixed = { (correlation: Correlation) in
            entries[correlation.first.rawValue].distribution.isPoint
                || entries[correlation.second.rawValue].distribution.isPoint
        }
        var prior = try Prior(
            title: title, description: description, source: source, text: text, entries: entries,
            correlations: correlations.filter { !fixed($0) })
        prior.droppedCorrelations = droppedCorrelations + correlations.filter(fixed)
        return prior
    }

    /// The entry for `input`.
    public subscript(input: Input) -> PriorEntry { entries[input.rawValue] }
}

/// The distribution a prior gives one input, and where it was written.
public struct PriorEntry: Sendable, Equatable {
    public let input: Input
    public let distribution: Distribution
    /// The value as written in the file (a number or a distribution string);
    /// nil when the file leaves the input at the post's value.
    public let written: String?
    /// The line of the file that sets the input, when known.
    public let line: Int?
    /// Who set the input.
    public let origin: Origin

    /// Who set an input: nobody (the post's value), the prior file, or `--set`.
    public enum Origin: Sendable {
        case post, file, commandLine
    }

    public init(input: Input, distribution: Distribution, written: String?, line: Int?, origin: Origin) {
        self.input = input
        self.distribution = distribution
        self.written = written
        self.line = line
        self.origin = origin
    }

    /// What a prior writes for `serial_tokens_per_s` to derive it from model size.
    public static let derivedText = "derived"

    /// Whether this is `serial_tokens_per_s = "derived"`.
    public var isDerived: Bool { input == .serialTokensPerS && written == Self.derivedText }

    /// The post's value for `input`, used when a prior does not mention it.
    public static func postDefault(_ input: Input) -> PriorEntry {
        PriorEntry(input: input, distribution: .point(input.spec.postValue), written: nil, line: nil, origin: .post)
    }

    /// Whether the entry is the post's value because nothing set the input.
    public var isDefault: Bool { origin == .post }

    /// The value as written, or the post's value.
    public var text: String { written ?? NumberFormat.compact(input.spec.postValue) }
}
