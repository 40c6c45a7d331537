import AISimCore
import AISimReport
import Foundation

/// Trials done, trials/s and the time left, redrawn in place on stderr while a command works,
/// when stderr is a terminal and the work lasts longer than a second. After the last trial it
/// says what the run is doing instead (the percentiles, the sensitivity analysis) and for how
/// long; a sweep or a comparison shows which of its runs is going. It never writes to stdout,
/// and it erases itself when the work ends, so what follows starts on a clean line.
final class ProgressDisplay: @unchecked Sendable {
    /// The counter to hand the simulation.
    let counter = ProgressCounter()
    private let queue = DispatchQueue(label: "aisim.progress")
    private let timer: DispatchSourceTimer
    private let started = DispatchTime.now()
    private let stepNoun: String
    /// Whether a line is on the screen (touched on `queue` only).
    private var drawn = false
    /// When the current phase after sampling began, and which it is (on `queue` only).
    private var phaseStart: (ProgressCounter.Phase, DispatchTime)?

    /// A display, or nil when `quiet` or when stderr is not a terminal; `step` names the
    /// runs of work done in several ("row" for a sweep).
    init?(quiet: Bool, step: String = "run") {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        stepNoun = step
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [unowned self] in draw() }
        timer.schedule(deadline: .now() + 1, repeating: .milliseconds(250))
        timer.resume()
    }

    private func draw() {
        let total = counter.total
        guard total > 0 else { return }
        StandardStreams.note("\r\u{1B}[K" + line(done: counter.trials, total: total))
        drawn = true
    }

    /// The line for `done` of `total` trials in the counter's current step and phase.
    private func line(done: Int, total: Int) -> String {
        let step = counter.step
        var parts: [String] = []
        if let step { parts.append("\(stepNoun) \(step.index) of \(step.count)") }
        let phase = counter.phase
        guard phase == .sampling else {
            let since = phaseStart.flatMap { $0.0 == phase ? $0.1 : nil } ?? DispatchTime.now()
            phaseStart = (phase, since)
            let what = phase == .sensitivity ? "sensitivity: ranking the samples" : "selecting the percentiles"
            parts += [
                "\(NumberFormat.grouped(total)) trials done", "\(what) for \(Self.duration(seconds(since: since)))",
            ]
            return "aisim: " + parts.joined(separator: " · ")
        }
        phaseStart = nil
        // A sweep's or a comparison's runs have the same trials: the rate and the time left
        // cover the whole of the work.
        let before = step.map { ($0.index - 1) * total } ?? 0
        let all = step.map { $0.count * total } ?? total
        let rate = Double(before + done) / max(seconds(since: started), 1e-9)
        let left = rate > 0 ? Double(all - before - done) / rate : .infinity
        let run = counter.run > 1 && step == nil ? "run \(counter.run): " : ""
        parts.append(
            "\(run)\(NumberFormat.grouped(done)) of \(NumberFormat.grouped(total)) trials (\(Int(100 * Double(done) / Double(total)))%)"
        )
        parts.append(String(format: "%.1f M trials/s", rate / 1e6))
        parts.append("ETA " + (left.isFinite ? Self.duration(left) : "?"))
        return "aisim: " + parts.joined(separator: " · ")
    }

    private func seconds(since time: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - time.uptimeNanoseconds) * 1e-9
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
