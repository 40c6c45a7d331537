import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for one file to be saved, by inotify or, where that is unavailable, by polling.
///
/// inotify watches the file's directory, not the file: editors save by writing a new file and
/// renaming it over the old one, which would end a watch on the file itself. A save is a write
/// closed (`IN_CLOSE_WRITE`), a file renamed into place (`IN_MOVED_TO`) or created
/// (`IN_CREATE`) under the file's name. Deleting the file is not a save: the watcher waits for
/// it to come back. Polling compares the file's modification time, size and inode every 200 ms.
///
/// The inotify descriptor lives in the Dispatch source that reads it, and closes with it when
/// the watcher goes.
final class FileWatcher {
    /// How a watcher learns that the file was saved.
    enum Mechanism: String {
        case inotify, polling
    }

    /// The polling interval.
    static let pollInterval = DispatchTimeInterval.milliseconds(200)

    /// How this watcher learns of saves.
    let mechanism: Mechanism
    /// Signalled once per save seen (a burst signals it several times).
    private let saves = DispatchSemaphore(value: 0)
    private let source: DispatchSourceProtocol
    private static let queue = DispatchQueue(label: "aisim.file-watcher")

    /// Starts watching `path` (relative to the current directory or absolute), by polling when
    /// `polling` is true or inotify cannot watch the file's directory.
    init(path: String, polling: Bool = false) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        if !polling, let source = Self.inotify(directory: directory, name: url.lastPathComponent, saves: saves) {
            (self.source, mechanism) = (source, .inotify)
        } else {
            (self.source, mechanism) = (Self.poll(url.path, saves: saves), .polling)
        }
    }

    deinit { source.cancel() }

    /// Blocks until the file is saved, then until `quiet` passes without another save, so that
    /// an editor's burst of events (create, write, rename) counts once.
    func waitForSave(quiet: DispatchTimeInterval = .milliseconds(50)) {
        saves.wait()
        while saves.wait(timeout: .now() + quiet) == .success {}
    }

    /// A source reading inotify's events for `name` in `directory`, or nil when inotify is
    /// unavailable or cannot watch it.
    private static func inotify(directory: String, name: String, saves: DispatchSemaphore) -> DispatchSourceRead? {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
        guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
            close(descriptor)
            return nil
        }
        let wanted = Array(name.utf8)
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler {
            if drain(descriptor, naming: wanted) { saves.signal() }
        }
        source.setCancelHandler { close(descriptor) }
        source.resume()
        return source
    }

    /// Reads every pending event from the inotify `descriptor`: whether one names `name` (or
    /// the kernel's queue overflowed, which may have dropped one).
    private static func drain(_ descriptor: Int32, naming name: [UInt8]) -> Bool {
        var matched = false
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return matched }
            var offset = 0
            while offset + header <= count {
                let (mask, length) = buffer.withUnsafeBytes { bytes in
                    (
                        bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let start = offset + header
                let field = buffer[start..<min(start + length, count)]
                if mask & UInt32(IN_Q_OVERFLOW) != 0 || Array(field.prefix { $0 != 0 }) == name { matched = true }
                offset = start + length
            }
        }
    }

    /// What polling compares: the file's modification time, size and inode.
    private struct Signature: Equatable {
        let seconds: Int
        let nanoseconds: Int
        let size: Int64
        let inode: UInt64

        /// The signature of the file at `path`, or nil when there is none.
        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
            size = Int64(info.st_size)
            inode = UInt64(info.st_ino)
        }
    }

    /// A timer that compares the file's signature every ``pollInterval`` and signals a save
    /// when it changes to that of a file (not when the file goes).
    private static func poll(_ path: String, saves: DispatchSemaphore) -> DispatchSourceTimer {
        let last = Mutex(Signature(path))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler {
            let now = Signature(path)
            let changed = last.withLock { last in
                defer { last = now }
                return now != nil && now != last
            }
            if changed { saves.signal() }
        }
        timer.schedule(deadline: .now() + pollInterval, repeating: pollInterval)
        timer.resume()
        return timer
    }
}
