import Foundation

/// Files written all or none, each so that a reader sees the old file or the new one, never
/// half of it.
///
/// ``prepare()`` writes every regular destination to a temporary file beside it (recorded in
/// ``TemporaryFiles``, so a signal handler can remove it) and writes special destinations
/// (/dev/null, a terminal, a named pipe), which cannot be replaced, in place. Only when every
/// write has succeeded does ``Prepared/commit()`` rename the temporary files into place. A
/// failure before that removes every temporary file and leaves every destination as it was.
///
/// A destination reached through symbolic links is replaced where the links lead, and the
/// links kept. A replaced file keeps its permission bits; a new one gets 0666 less the umask,
/// as a shell redirection would.
public struct AtomicFiles {
    private var files: [(path: String, text: String)] = []
    private var written: [Written] = []

    public init() {}

    /// A file already written to a temporary file beside its destination (as a samples file
    /// is, while a run goes), to be renamed into place with the others.
    public struct Written: Sendable {
        /// The temporary file, recorded in ``TemporaryFiles``.
        let temporary: String
        /// Where it goes, symbolic links followed.
        let target: String
        /// The destination as the user gave it.
        public let path: String
    }

    /// Adds a file written elsewhere: ``Prepared/commit()`` renames it into place, and a
    /// failure removes it with the others.
    public mutating func adopt(_ file: Written) {
        written.append(file)
    }

    /// Adds `text` as the whole contents of the file at `path`.
    public mutating func add(_ text: String, to path: String) {
        files.append((path, text))
    }

    /// Whether no file has been added.
    public var isEmpty: Bool { files.isEmpty && written.isEmpty }

    /// Writes `text` to `path` atomically: ``prepare()`` and ``Prepared/commit()`` of one file.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        var files = AtomicFiles()
        files.add(text, to: path)
        try files.prepare().commit()
    }

    /// Files written to temporary files beside their destinations, ready to rename into place.
    public struct Prepared {
        fileprivate var renames: [(temporary: String, target: String, path: String)] = []

        /// Renames every temporary file into place, in the order the files were added.
        /// Renames within one directory do not fail in practice; if one does, the temporary
        /// files not yet renamed are removed.
        public func commit() throws(FileWriteError) {
            for (i, rename) in renames.enumerated() {
                guard Foundation.rename(rename.temporary, rename.target) == 0 else {
                    let reason = systemError(errno)
                    for later in renames[i...] { TemporaryFiles.remove(later.temporary) }
                    throw FileWriteError(path: rename.path, reason: reason)
                }
                TemporaryFiles.forget(rename.temporary)
            }
        }

        /// Removes the temporary files without renaming them.
        public func discard() {
            for rename in renames { TemporaryFiles.remove(rename.temporary) }
        }
    }

    /// Writes every file's temporary copy (and every special destination in place).
    /// - Throws: ``FileWriteError`` naming the first destination that failed; no temporary
    ///   file is then left.
    public func prepare() throws(FileWriteError) -> Prepared {
        var prepared = Prepared()
        var special: [(path: String, text: String)] = []
        do throws(FileWriteError) {
            for (path, text) in files {
                let target = try Self.target(of: path)
                var info = stat()
                if stat(target, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
                    guard (info.st_mode & S_IFMT) != S_IFDIR else {
                        throw FileWriteError(path: path, reason: "it is a directory")
                    }
                    special.append((target, text))
                    continue
                }
                let mode = Self.mode(for: target)
                let temporary = try TemporaryFiles.create(beside: target)
                prepared.renames.append((temporary.path, target, path))
                try Self.write(text, to: temporary.descriptor, path: path, mode: mode)
            }
            for (path, text) in special {
                let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
                guard descriptor >= 0 else { throw FileWriteError(path: path, reason: systemError(errno)) }
                try Self.write(text, to: descriptor, path: path, mode: nil)
            }
            prepared.renames += written.map { ($0.temporary, $0.target, $0.path) }
        } catch {
            prepared.discard()
            for file in written { TemporaryFiles.remove(file.temporary) }
            throw error
        }
        return prepared
    }

    /// Writes all of `text` to `descriptor` and closes it, with `mode` set first when given.
    private static func write(_ text: String, to descriptor: Int32, path: String, mode: mode_t?) throws(FileWriteError)
    {
        var failure: Int32 = 0
        if let mode, fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == 0 { failure = writeAll(text, to: descriptor) }
        if failure == 0, mode != nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw FileWriteError(path: path, reason: systemError(failure)) }
    }

    /// Writes all of `text` to `descriptor`, retrying after signals and short writes; 0, or
    /// the `errno` of the write that failed.
    public static func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes -> Int32 in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }

    /// The permission bits a file replacing `target` gets: those of the file there, or
    /// ``newFileMode`` for a new one.
    static func mode(for target: String) -> mode_t {
        var info = stat()
        return stat(target, &info) == 0 ? info.st_mode & 0o7777 : newFileMode
    }

    /// 0666 less the process's umask: the mode a shell gives a file it creates.
    private static let newFileMode: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }()

    /// Where `path` leads once every symbolic link on the way is followed, whether or not the
    /// final file exists yet.
    /// - Throws: ``FileWriteError`` for a loop of links (more than 40, as the kernel allows).
    static func target(of path: String) throws(FileWriteError) -> String {
        var target = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
                let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target)
            else { return target }
            target =
                destination.hasPrefix("/")
                ? destination
                : URL(fileURLWithPath: target).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        throw FileWriteError(path: path, reason: systemError(ELOOP))
    }
}
