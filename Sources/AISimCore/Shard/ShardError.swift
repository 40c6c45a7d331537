/// A shard file aisim cannot read or merge, with the file (when one is to blame) and what is
/// wrong. It prints as one line, `FILE: what is wrong`.
public struct ShardError: Error, Equatable, CustomStringConvertible {
    public let file: String?
    public let message: String

    public init(file: String?, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { file.map { "\($0): \(message)" } ?? message }
}
