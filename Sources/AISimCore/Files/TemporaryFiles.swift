import Foundation
import Synchronization

/// The temporary files aisim has created and not yet renamed into place or removed, so that a
/// signal handler can remove them all before the process exits.
///
/// Creating a file and recording it happen under one lock, and ``removeAll()`` takes the same
/// lock, so a file is never created unrecorded: whatever moment a signal arrives, no
/// temporary file outlives the process.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    /// Creates a new, empty file beside `target` (in its directory, so that a rename moves it
    /// into place) with `mkstemp`, records it, and returns its path and open descriptor.
    static func create(beside target: String) throws(FileWriteError) -> (path: String, descriptor: Int32) {
        let url = URL(fileURLWithPath: target)
        let template = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).aisim-XXXXXX")
            .path
        var name = Array(template.utf8CString)
        let result = paths.withLock { paths -> (String, Int32)? in
            let descriptor = mkstemp(&name)
            guard descriptor >= 0 else { return nil }
            let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            paths.insert(path)
            return (path, descriptor)
        }
        guard let (path, descriptor) = result else { throw FileWriteError(path: target, reason: systemError(errno)) }
        return (path, descriptor)
    }

    /// Forgets `path`, which has been renamed into place or removed.
    static func forget(_ path: String) {
        _ = paths.withLock { $0.remove(path) }
    }

    /// Removes `path` and forgets it.
    static func remove(_ path: String) {
        paths.withLock { paths in
            unlink(path)
            paths.remove(path)
        }
    }

    /// Removes every recorded temporary file. Safe to call from any thread, at any moment.
    public static func removeAll() {
        paths.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }
}
