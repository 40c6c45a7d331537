/// A problem with a prior file, located as precisely as aisim can: the file, the line and
/// the input. It prints as one line, `FILE:LINE: INPUT: what is wrong`.
public struct PriorError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let input: String?
    public let message: String

    public init(file: String, line: Int? = nil, input: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.input = input
        self.message = message
    }

    /// An error about the input `entry` sets in the prior read from `source`: located at the
    /// file's line, or at the `--set NAME=VALUE` that set it.
    public init(at entry: PriorEntry, in source: String, message: String) {
        if entry.origin == .commandLine {
            self.init(file: "--set \(entry.input.spec.name)=\(entry.text)", message: message)
        } else {
            self.init(file: source, line: entry.line, input: entry.input.spec.name, message: message)
        }
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let input { location += ": \(input)" }
        return "\(location): \(message)"
    }
}
