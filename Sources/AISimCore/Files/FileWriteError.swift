/// A file, or standard output, that aisim could not write.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The path as the user gave it, or `stdout`.
    public let path: String
    /// Why, in a few words: "no such directory: out", "No space left on device".
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot write: \(reason)" }
}
