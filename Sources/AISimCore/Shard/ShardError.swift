/// A shard file aisim cannot read or merge, with the file (when one is to blame) and what is
/// wrong. It prints as one line, `FILE: what is wrong`.
public struct ShardError: Error, Equatable, CustomStringConvertible {
    public let file: String?
    public let message: String
    /// What the user can do about it, when there is more to say than to rerun the shard.
    public var remedy: Remedy?

    public init(file: String?, message: String, remedy: Remedy? = nil) {
        self.file = file
        self.message = message
        self.remedy = remedy
    }

    public var description: String { described(remedy: remedy?.plainWords ?? "") }

    /// The one-line description with `remedy` (the remedy in the caller's words) after it.
    public func described(remedy: String) -> String { (file.map { "\($0): " } ?? "") + message + remedy }
}
