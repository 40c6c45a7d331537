import Foundation

/// What can be known about an output path before any work is done: whether a file can be
/// written there, and which file it names.
public enum Destination {
    /// Throws when no file could be written at `path`: an empty path, a directory, a missing
    /// directory or one aisim may not write in, or a loop of symbolic links.
    public static func check(_ path: String) throws(FileWriteError) {
        guard !path.isEmpty else { throw FileWriteError(path: "''", reason: "an empty file name") }
        let target = try AtomicFiles.target(of: path)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw FileWriteError(path: path, reason: "it is a directory")
            case S_IFREG: break
            default:
                guard access(target, W_OK) == 0 else { throw FileWriteError(path: path, reason: systemError(errno)) }
                return
            }
        } else if errno != ENOENT && errno != ENOTDIR {
            throw FileWriteError(path: path, reason: systemError(errno))
        }
        // A regular file is replaced by a rename, so its directory must take a new file.
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let shown = URL(fileURLWithPath: path).deletingLastPathComponent().relativePath
        guard stat(directory, &info) == 0 else {
            throw FileWriteError(
                path: path, reason: errno == ENOENT ? "no such directory: \(shown)" : systemError(errno))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FileWriteError(path: path, reason: "\(shown) is not a directory")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw FileWriteError(path: path, reason: "cannot create a file in \(shown): \(systemError(errno))")
        }
    }

    /// A key that two paths share exactly when they name one file: its device and inode when
    /// it exists, else the absolute path it would be created at, with every symbolic link on
    /// the way followed.
    public static func identity(_ path: String) -> String {
        let target = (try? AtomicFiles.target(of: path)) ?? path
        var info = stat()
        if stat(target, &info) == 0 { return "inode \(info.st_dev):\(info.st_ino)" }
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        let resolved =
            realpath(directory, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? directory
        return "path " + URL(fileURLWithPath: resolved).appendingPathComponent(url.lastPathComponent).path
    }

    /// Whether `path` names a character device such as /dev/null, which two outputs may share.
    public static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR
    }
}
