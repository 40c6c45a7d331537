import AISimCore
import AISimReport
import Foundation

/// Wall-clock phases of one run, for `--timing`.
struct Timing {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private let start: ContinuousClock.Instant
    private(set) var phases: [(String, Double)] = []

    init() {
        start = clock.now
        last = start
    }

    /// Ends the current phase, naming it.
    mutating func lap(_ name: String) {
        let now = clock.now
        phases.append((name, seconds(now - last)))
        last = now
    }

    var total: Double { seconds(last - start) }

    /// The breakdown `--timing` prints on stderr: parse, sample and evaluate (which includes
    /// tallying values for the percentiles and summing them for the means), summarise
    /// (selecting the order statistics and formatting), output; trials/s; how much of the
    /// whole went into the percentile summary, and into the means; and the thread count.
    func report(_ result: SimulationResult) -> String {
        let d = result.diagnostics
        let trials = Double(result.trials)
        func rate(_ seconds: Double) -> String {
            seconds > 0 ? String(format: "  %6.2f M trials/s", trials / seconds / 1e6) : ""
        }
        func row(_ name: String, _ seconds: Double) -> String {
            "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%7.3f s", seconds)
        }
        let phase = Dictionary(phases, uniquingKeysWith: +)
        let simulation = phase["simulate", default: 0]
        var lines = [
            "timing: \(NumberFormat.grouped(result.trials)) trials on \(d.threads) thread\(d.threads == 1 ? "" : "s")"
        ]
        lines.append(row("parse", phase["parse", default: 0]))
        lines.append(row("sample + evaluate", d.simulateSeconds) + rate(d.simulateSeconds))
        lines.append(row("summarise", simulation - d.simulateSeconds + phase["format", default: 0]))
        lines.append(row("output", phase["output", default: 0]))
        lines.append(row("total", total) + rate(total))
        let summary = d.planSeconds + d.tallySeconds / Double(max(1, d.threads)) + d.summarizeSeconds
        lines.append(
            row("percentile summary", summary)
                + String(
                    format:
                        "  %.0f%% of the total: windows %.3f s, tallying %.3f s CPU over %d threads, selection %.3f s",
                    100 * summary / max(total, 1e-9), d.planSeconds, d.tallySeconds, d.threads, d.summarizeSeconds))
        lines.append(
            row("means", d.momentSeconds / Double(max(1, d.threads)))
                + String(
                    format: "  %.3f s CPU summing values for the means and their standard errors",
                    d.momentSeconds))
        lines.append(Self.peakMemory)
        if let accuracy = result.sketchAccuracy {
            lines.append("  quantile sketch: relative accuracy \(NumberFormat.compact(accuracy)), no values held")
        } else {
            lines.append(
                "  exact percentiles: \(NumberFormat.grouped(d.pilotTrials)) pilot trials held in full, \(NumberFormat.grouped(d.keptValues)) values kept\(d.fallbackPasses > 0 ? ", \(d.fallbackPasses) extra pass" : "")"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The breakdown for a shard: each phase as timed, and trials/s over the whole.
    func report(trials: Int, threads: Int) -> String {
        var lines = ["timing: \(NumberFormat.grouped(trials)) trials on \(threads) thread\(threads == 1 ? "" : "s")"]
        for (name, seconds) in phases {
            lines.append(
                "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%7.3f s", seconds))
        }
        lines.append(
            "  " + "total".padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "%7.3f s  %6.2f M trials/s", total, Double(trials) / max(total, 1e-9) / 1e6))
        lines.append(Self.peakMemory)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The process's peak resident memory so far: getrusage's maxrss, in KiB on Linux and in
    /// bytes on macOS.
    static var peakMemory: String {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            let bytes = Double(usage.ru_maxrss) * 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            let bytes = Double(usage.ru_maxrss)
        #endif
        return String(format: "  peak memory %.1f MB", bytes / 1e6)
    }

    private func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
