import AISimCore
import AISimReport
import Foundation

/// aisim's standard output and standard error, written with `write(2)` so that a failed write
/// is an error aisim reports (exit status 1) rather than a trap or a silent loss.
///
/// At start-up, a standard descriptor that is closed (`aisim >&-`) is opened on /dev/null so
/// that no file aisim opens later takes its number; a closed standard output is remembered,
/// and writing to it fails. SIGPIPE and SIGXFSZ are ignored, so writing to a pipe whose reader
/// has gone fails with "Broken pipe", and writing past a file-size limit (`ulimit -f`) with
/// "File too large", instead of killing the process.
enum StandardStreams {
    private nonisolated(unsafe) static var outputClosed = false

    /// Guards the three standard descriptors and ignores SIGPIPE and SIGXFSZ. Call first in `main`.
    static func prepare() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            if descriptor == STDOUT_FILENO { outputClosed = true }
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Writes `text` to standard output, all of it.
    /// - Throws: ``FileWriteError`` for `stdout` when the write fails (a full disk, a closed
    ///   descriptor, a reader that has gone).
    static func write(_ text: String) throws(FileWriteError) {
        guard !outputClosed else { throw FileWriteError(path: "stdout", reason: "standard output is closed") }
        let failure = AtomicFiles.writeAll(text, to: STDOUT_FILENO)
        if failure != 0 { throw FileWriteError(path: "stdout", reason: String(cString: strerror(failure))) }
    }

    /// Writes `text` to standard error. A failure is ignored: there is nowhere left to say it.
    static func note(_ text: String) {
        _ = AtomicFiles.writeAll(text, to: STDERR_FILENO)
    }
}
