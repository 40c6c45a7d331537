import Foundation
import Synchronization

/// Ctrl-C (SIGINT): stop at once with exit status 130, leaving no half-written file and no
/// half-printed table.
///
/// A dispatch source receives the signal on its own thread, so it is handled even while every
/// core simulates. Outside a ``critical(_:)`` section aisim exits at once (nothing has been
/// written yet); inside one (writing a file atomically, or printing the result), it finishes
/// the section and then exits, so a reader sees the whole file or table or none of it.
enum Interrupts {
    private static let state = Mutex<(critical: Int, pending: Bool)>((0, false))
    private nonisolated(unsafe) static var source: DispatchSourceSignal?

    /// Starts handling SIGINT.
    static func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global(qos: .userInteractive))
        source.setEventHandler {
            let now = state.withLock { state -> Bool in
                state.pending = true
                return state.critical == 0
            }
            if now { stop() }
        }
        source.resume()
        self.source = source
    }

    /// Runs `body` without interruption: a SIGINT during it takes effect when it ends.
    static func critical<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { $0.critical += 1 }
        defer {
            fflush(nil)
            let pending = state.withLock { state -> Bool in
                state.critical -= 1
                return state.pending && state.critical == 0
            }
            if pending { stop() }
        }
        return try body()
    }

    /// Erases any progress line, says why, and exits with status 130 (128 + SIGINT), as shells
    /// report a command stopped by Ctrl-C.
    private static func stop() -> Never {
        let note = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[Kaisim: interrupted\n" : "aisim: interrupted\n"
        FileHandle.standardError.write(Data(note.utf8))
        _exit(130)
    }
}
