import AISimCore
import AISimReport
import Foundation

/// The one prior file `aisim serve FILE` tunes: the page reads it, saves to it (atomically:
/// a temporary file, then a rename) and polls its SHA-256 to see saves made elsewhere. The
/// path is fixed when the server starts; no request names one.
public final class PriorFile: Sendable {
    /// The file's path as given on the command line.
    public let path: String

    /// The file at `path`.
    /// - Throws: ``PriorError`` when it cannot be read.
    public init(path: String) throws(PriorError) {
        self.path = path
        _ = try Self.read(path)
    }

    private static func read(_ path: String) throws(PriorError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PriorError(file: path, message: "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// `{"name", "text", "sha256"}`: the file's name (not its directory), text and digest.
    public func state() throws(PriorError) -> JSONValue {
        let text = try Self.read(path)
        return .object([
            ("name", .string((path as NSString).lastPathComponent)), ("text", .string(text)),
            ("sha256", .string(sha256Hex(text))),
        ])
    }

    /// Writes `text` to the file, atomically, and returns the new ``state()``.
    /// - Throws: ``FileWriteError`` when the write fails (the file is then unchanged).
    public func save(_ text: String) throws -> JSONValue {
        try AtomicFiles.write(text, to: path)
        return try state()
    }
}
