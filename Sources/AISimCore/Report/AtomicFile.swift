import Foundation

/// Writes whole files so that a reader sees the old file or the new one, never half of it.
public enum AtomicFile {
    /// Writes `text` to a temporary file beside `path`, then renames it over `path`
    /// (Foundation's `.atomic` write).
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let reason = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
            throw FileWriteError(path: path, reason: reason)
        }
    }
}

/// A file aisim could not write.
public struct FileWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write the file: \(reason)" }
}
