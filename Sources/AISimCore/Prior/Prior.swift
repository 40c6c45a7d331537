/// A parsed prior file: a title and one distribution for every input of the model.
///
/// Inputs the file leaves out take the post's value (``InputSpec/postValue``), so a prior
/// always covers the whole model.
public struct Prior: Sendable {
    /// The file's `title`, or its file name when it has none.
    public let title: String
    /// Where the prior came from: the path as the user gave it, or `embedded:NAME`.
    public let source: String
    /// The file's text, exactly as read.
    public let text: String
    /// One entry per input, in ``Input`` order.
    public let entries: [PriorEntry]

    public init(title: String, source: String, text: String, entries: [PriorEntry]) {
        precondition(entries.map(\.input) == Input.allCases, "one entry per input, in order")
        self.title = title
        self.source = source
        self.text = text
        self.entries = entries
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

    public init(input: Input, distribution: Distribution, written: String?, line: Int?) {
        self.input = input
        self.distribution = distribution
        self.written = written
        self.line = line
    }

    /// The post's value for `input`, used when a prior does not mention it.
    public static func postDefault(_ input: Input) -> PriorEntry {
        PriorEntry(input: input, distribution: .point(input.spec.postValue), written: nil, line: nil)
    }

    /// Whether the entry is the post's value because the file does not mention the input.
    public var isDefault: Bool { written == nil }
}
