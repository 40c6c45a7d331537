import AISimCore
import Foundation
import Synchronization

/// Signals that stop aisim: SIGINT (Ctrl-C), SIGTERM, SIGHUP and SIGQUIT. Each stops the
/// command at once with exit status 128 + the signal's number (130, 143, 129, 131), removes
/// every temporary file, and leaves no output file, no half-written file and no half-printed
/// table.
///
/// Dispatch sources receive the signals on their own thread, so they are handled even while
/// every core simulates. Outside a ``critical(_:)`` section aisim exits at once: the files it
/// is writing are still temporary files, which ``TemporaryFiles/removeAll()`` removes. Inside
/// one (renaming finished files into place and printing the result, which takes microseconds
/// to milliseconds), it finishes the section and then exits with the signal's status, so a
/// reader sees every file and the whole table, or none of them.
enum Interrupts {
    private static let state = Mutex<(critical: Int, pending: Int32?)>((0, nil))
    private nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    /// The signals handled, with the word the message uses.
    private static let signals: [(Int32, String)] = [
        (SIGINT, "interrupted"), (SIGTERM, "terminated (SIGTERM)"), (SIGHUP, "hung up (SIGHUP)"), (SIGQUIT, "quit (SIGQUIT)"),
    ]

    /// Starts handling the signals.
    static func install() {
        sources = signals.map { number, _ in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                let now = state.withLock { state -> Bool in
                    if state.pending == nil { state.pending = number }
                    return state.critical == 0
                }
                if now { stop(number) }
            }
            source.resume()
            return source
        }
    }

    /// Runs `body` without interruption: a signal during it takes effect when it ends.
    static func critical<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { $0.critical += 1 }
        defer {
            let pending = state.withLock { state -> Int32? in
                state.critical -= 1
                return state.critical == 0 ? state.pending : nil
            }
            if let pending { stop(pending) }
        }
        return try body()
    }

    /// Removes the temporary files, erases any progress line, says why, and exits with status
    /// 128 + `number`, as shells report a command stopped by a signal.
    private static func stop(_ number: Int32) -> Never {
        TemporaryFiles.removeAll()
        let word = signals.first { $0.0 == number }?.1 ?? "stopped"
        StandardStreams.note(isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[Kaisim: \(word)\n" : "aisim: \(word)\n")
        _exit(128 + number)
    }
}
