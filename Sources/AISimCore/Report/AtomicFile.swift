import Foundation

/// Writes whole files so that a reader sees the old file or the new one, never half of it.
public enum AtomicFile {
    /// Writes `text` to a temporary file beside `path`, then renames it over `path`
    /// (Foundation's `.atomic` write). A symbolic link is followed, so the file it points to is
    /// replaced and the link kept. A path that names something other than a regular file, such
    /// as /dev/null, /dev/stdout or a named pipe, is written in place instead: renaming over it
    /// would replace the device with a file.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        do {
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try Data(text.utf8).write(to: linkTarget(path), options: .atomic)
            }
        } catch {
            let reason = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
            throw FileWriteError(path: path, reason: reason)
        }
    }

    /// Where `path` leads once every symbolic link on the way is followed (at most 40, as the
    /// kernel allows), whether or not the final file exists yet.
    private static func linkTarget(_ path: String) -> URL {
        var target = URL(fileURLWithPath: path)
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target.path) else { break }
            target = URL(fileURLWithPath: destination, relativeTo: target.deletingLastPathComponent()).standardizedFileURL
        }
        return target
    }
}

/// A file aisim could not write.
public struct FileWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write the file: \(reason)" }
}
