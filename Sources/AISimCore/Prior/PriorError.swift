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

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let input { location += ": \(input)" }
        return "\(location): \(message)"
    }
}
