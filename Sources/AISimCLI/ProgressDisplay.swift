import AISimCore
import AISimReport
import Foundation

/// Trials done, trials/s and the time left, redrawn in place on stderr while a run goes, when
/// stderr is a terminal and the run lasts longer than a second. It never writes to stdout, and
/// it erases itself when the run ends, so what follows starts on a clean line.
final class ProgressDisplay: @unchecked Sendable {
    /// The counter to hand the simulation.
    let counter = ProgressCounter()
    private let queue = DispatchQueue(label: "aisim.progress")
    private let timer: DispatchSourceTimer
    private let started = DispatchTime.now()
    /// Whether a line is on the screen (touched on `queue` only).
    private var drawn = false

    /// A display, or nil when `quiet` or when stderr is not a terminal.
    init?(quiet: Bool) {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [unowned self] in draw() }
        timer.schedule(deadline: .now() + 1, repeating: .milliseconds(250))
        timer.resume()
    }

    private func draw() {
        let done = counter.trials
        let total = counter.total
        guard total > 0 else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) * 1e-9
        let rate = Double(done) / max(elapsed, 1e-9)
        let left = rate > 0 ? Double(total - done) / rate : .infinity
        let run = counter.run > 1 ? "run \(counter.run): " : ""
        let line =
            "aisim: \(run)\(NumberFormat.grouped(done)) of \(NumberFormat.grouped(total)) trials (\(Int(100 * Double(done) / Double(total)))%) · "
            + String(format: "%.1f M trials/s · ETA %@", rate / 1e6, left.isFinite ? Self.duration(left) : "?")
        StandardStreams.note("\r\u{1B}[K\(line)")
        drawn = true
    }

    /// `seconds` as `42 s`, `3 min 5 s` or `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }

    /// Stops redrawing and erases the line.
    func finish() {
        timer.cancel()
        queue.sync {
            if drawn { StandardStreams.note("\r\u{1B}[K") }
            drawn = false
        }
    }
}
