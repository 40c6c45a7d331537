/// A problem with a prior, located as precisely as aisim can: the file, the line and the
/// input, or the override (`NAME=VALUE`) that set it. It prints as one line,
/// `FILE:LINE: INPUT: what is wrong`, or `override NAME=VALUE: what is wrong`; the command line
/// names overrides its own way (``described(overridesAs:)``).
public struct PriorError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let input: String?
    public let message: String
    /// The override, `NAME=VALUE` as given, when the error is about one rather than the file.
    public let override: String?
    /// What the user can do about it, when there is something beyond fixing the prior.
    public var remedy: Remedy?

    public init(file: String, line: Int? = nil, input: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.input = input
        self.message = message
        override = nil
        remedy = nil
    }

    /// An error about the override `assignment` (`NAME=VALUE`).
    public init(override assignment: String, message: String) {
        file = ""
        line = nil
        input = nil
        self.message = message
        override = assignment
        remedy = nil
    }

    /// An error about the input `entry` sets in the prior read from `source`: located at the
    /// file's line, or at the override that set it.
    public init(at entry: PriorEntry, in source: String, message: String) {
        if entry.origin == .commandLine {
            self.init(override: "\(entry.input.spec.name)=\(entry.text)", message: message)
        } else {
            self.init(file: source, line: entry.line, input: entry.input.spec.name, message: message)
        }
    }

    public var description: String { described(overridesAs: "override", remedy: remedy?.plainWords ?? "") }

    /// The one-line description, with an override introduced by `word` (`--set`, say) and
    /// `remedy` (the remedy in the caller's words) after the message.
    public func described(overridesAs word: String, remedy: String) -> String {
        if let override { return "\(word) \(override.isEmpty ? "''" : override): \(message)\(remedy)" }
        var location = file
        if let line { location += ":\(line)" }
        if let input { location += ": \(input)" }
        return "\(location): \(message)\(remedy)"
    }
}
