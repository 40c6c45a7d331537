import Foundation

/// Reads input files (priors, shards) whole, and says in plain words why one cannot be read.
enum FileReader {
    /// The contents of `path`, reading at most `limit` + 1 bytes so that the caller can tell a
    /// file over its limit without reading all of it. When `prefix` is given and the file
    /// does not start with it, reading stops after the first bytes, so that a device such as
    /// /dev/zero given by mistake is refused at once.
    /// A named pipe is opened without waiting for a writer, then given 5 s for its first
    /// bytes: a pipe nothing writes to is refused rather than holding aisim forever (one from
    /// the shell's `<(...)` has its writer at once).
    /// - Throws: the reason, as "no such file", "it is a directory", "permission denied" or
    ///   "a loop of symbolic links".
    static func read(_ path: String, limit: Int, prefix: String? = nil) throws(FileReadFailure) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileReadFailure(reason: reason(errno, path: path)) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO {
            // Wait a while for a writer's first bytes (or its end), not forever.
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, Self.pipeWaitMilliseconds) == 0 {
                throw FileReadFailure(
                    reason: "a named pipe that nothing wrote to for \(Self.pipeWaitMilliseconds / 1000) s")
            }
        }
        // Reads block again once open: a pipe's writer may be slower than aisim.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while data.count <= limit {
            let wanted = min(buffer.count, limit + 1 - data.count)
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadFailure(reason: reason(errno, path: path))
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[..<count])
            if let prefix {
                let shared = min(prefix.utf8.count, data.count)
                if !data.prefix(shared).elementsEqual(prefix.utf8.prefix(shared)) { break }
            }
        }
        return data
    }

    /// How long a named pipe may keep aisim waiting for its first bytes.
    static let pipeWaitMilliseconds: Int32 = 5000

    /// `errno`'s reason in the words aisim's messages use.
    static func reason(_ code: Int32, path: String) -> String {
        switch code {
        case ENOENT:
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                ? "no such file (a symbolic link to a file that does not exist)" : "no such file"
        case EISDIR: return "it is a directory"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "a loop of symbolic links"
        case ENOTDIR: return "a part of the path is not a directory"
        default: return systemError(code)
        }
    }
}

/// Why a file could not be read, in a few words.
struct FileReadFailure: Error {
    let reason: String
}
