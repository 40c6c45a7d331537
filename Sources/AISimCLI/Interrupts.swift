import AISimCore
import AISimReport
import Foundation
import Synchronization

/// Signals that stop aisim: SIGINT (Ctrl-C), SIGTERM, SIGHUP and SIGQUIT. Each stops the
/// command at once with exit status 128 + the signal's number (130, 143, 129, 131), removes
/// every temporary file, and leaves no output file, no half-written file and no half-printed
/// table.
///
/// Dispatch sources receive the signals on their own thread, so they are handled even while
/// every core simulates. Outside a ``delivering(_:)`` section aisim exits at once: the files it
/// is writing are still temporary files, which ``TemporaryFiles/removeAll()`` removes. Inside
/// one (printing the result and renaming finished files into place, which takes microseconds
/// to milliseconds), it finishes the section and then exits with status 0, saying so: the
/// exit status always tells the truth about the output, 0 for every file and the whole table,
/// 128 + the signal for none of them.
enum Interrupts {
    /// Sections running, the first signal received, and whether the output is delivered
    /// (after which a signal only has notes on stderr left to cut, and is ignored).
    private static let state = Mutex<(critical: Int, pending: Int32?, delivered: Bool)>((0, nil, false))
    private nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    /// The signals handled, with the word the message uses.
    private static let signals: [(Int32, String)] = [
        (SIGINT, "interrupted"), (SIGTERM, "terminated (SIGTERM)"), (SIGHUP, "hung up (SIGHUP)"),
        (SIGQUIT, "quit (SIGQUIT)"),
    ]

    /// Starts handling the signals.
    static func install() {
        sources = signals.map { number, _ in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                let now = state.withLock { state -> Bool in
                    guard !state.delivered else { return false }
                    if state.pending == nil { state.pending = number }
                    return state.critical == 0
                }
                if now { stop(number) }
            }
            source.resume()
            return source
        }
    }

    /// Runs `body`, the last step of a command (printing its result and putting its files in
    /// place), without interruption. A signal during it takes effect when it ends: if `body`
    /// finished, the output is complete and aisim exits 0 with a note; if it threw, nothing was
    /// delivered and aisim exits with the signal's status.
    ///
    /// A command that goes on after its output (watch, which redraws each run) passes `final`
    /// false: a signal during the section then stops it with the signal's status once the
    /// section ends, and later signals still stop it.
    static func delivering(final: Bool = true, _ body: () throws -> Void) throws {
        state.withLock { $0.critical += 1 }
        var finished = false
        defer {
            let pending = state.withLock { state -> Int32? in
                state.critical -= 1
                if finished && final { state.delivered = true }
                return state.critical == 0 ? state.pending : nil
            }
            if let pending {
                guard finished, final else { stop(pending) }
                let word = signals.first { $0.0 == pending }?.1 ?? "stopped"
                StandardStreams.note("aisim: \(word) as the finished output was put in place; it is complete\n")
                _exit(0)
            }
        }
        try body()
        finished = true
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
