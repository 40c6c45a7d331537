import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Runs a prior file, then runs it again every time the file is saved.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a prior file, then run it again every time the file is saved.",
            discussion: """
                Keep it open beside your editor while you tune a prior: each save reruns the \
                simulation with the same flags and seed, so every difference in the numbers comes \
                from your edit.

                On a terminal the table (and --plot's plots) is redrawn in place, with the numbers \
                that changed since the run before listed under it, as \
                'streams  p50  6.17e5 → 6.80e5 (+10%)'. A change is marked 'within Monte Carlo \
                error' when the new value lies inside the previous run's 95% confidence interval \
                (for a mean, within 1.96 standard errors): too small for that many trials to \
                tell from chance. Without a terminal, each result follows the last after a line \
                '--- run N (FILE changed) ---', exactly as 'aisim --prior FILE' prints it.

                A save during a run stops that run (with a line on stderr saying so) and runs the \
                saved file at once. A save that does not load (bad TOML, a bad distribution) \
                prints the one-line error a run prints and waits for the next save; so does a \
                missing file. Ctrl-C stops watching (exit status 130; 143 for SIGTERM).

                The file's directory is watched with inotify, so saving by rename (as most \
                editors do) counts; --poll checks the file every 200 ms instead, for filesystems \
                that do not report changes (network mounts, some containers).

                Examples:
                  aisim watch my.toml
                  aisim watch my.toml --trials 1e5 --plot --ci
                  aisim watch my.toml --set horizon=1000 --outputs streams
                """
        )

        @Argument(help: ArgumentHelp("The prior file (TOML) to run and watch.", valueName: "file"))
        var file: String

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments
        @OptionGroup var output: OutputArguments
        @OptionGroup var plots: PlotArguments
        @OptionGroup var exceed: ExceedArguments
        @OptionGroup var progressOptions: ProgressArguments

        @Flag(
            name: .long,
            help:
                "Check the file every 200 ms instead of asking the kernel (for filesystems that do not report changes)."
        )
        var poll = false

        /// The screen's erasure: the cursor home, then the screen cleared.
        static let clearScreen = "\u{1B}[H\u{1B}[2J"

        /// The last run that gave a result.
        private struct Shown {
            let number: Int
            let report: RunReport
            /// What the terminal showed for it, without the erasure before it.
            let screen: String
        }

        func validate() throws {
            if prior.prior != nil {
                throw ValidationError("watch takes the prior file as its argument, not --prior: aisim watch FILE")
            }
            if output.format != .table {
                throw ValidationError(
                    "--format \(output.format.rawValue): watch prints tables; for \(output.format.rawValue) run 'aisim --prior \(file) --format \(output.format.rawValue)'"
                )
            }
            if output.output != nil {
                throw ValidationError("--output: watch prints each result on stdout; redirect it to keep them")
            }
            try paths.checkDistinct()
        }

        /// The file `--svg` writes after each run, and the watched file it must not overwrite.
        private var paths: OutputPaths {
            OutputPaths(outputs: plots.svg.map { [("--svg", $0)] } ?? [], inputs: [("the watched file", file)])
        }

        func run() throws {
            try paths.checkWritable()
            let saves = SaveMonitor(FileWatcher(path: file, polling: poll))
            let terminal = isatty(STDOUT_FILENO) == 1
            var shown: Shown?
            var number = 1
            while true {
                try runOnce(number, shown: &shown, terminal: terminal, saves: saves)
                saves.waitForSave()
                number += 1
            }
        }

        /// A save stopped the run before it finished.
        private struct StoppedBySave: Error {}

        /// Runs the file once as run `number` and shows the result, or the error that stopped
        /// it; `shown` is the last result, which a result replaces. A save during the run stops
        /// it: it shows nothing but a line saying so, and the save starts the next run.
        /// - Throws: ``FileWriteError`` when stdout or `--svg` cannot be written: watching
        ///   on would print to nowhere.
        private func runOnce(_ number: Int, shown: inout Shown?, terminal: Bool, saves: SaveMonitor) throws {
            let report: RunReport
            do {
                report = try simulate(saves)
            } catch is StoppedBySave {
                StandardStreams.note("aisim: run \(number) stopped: \(file) was saved during it\n")
                return
            } catch {
                try showFailure(error, number: number, shown: shown, terminal: terminal)
                return
            }
            let body = output.render(report) + (plots.terminalText(report) ?? "")
            var delivery = Delivery()
            if terminal {
                let screen = header(number) + body + changes(to: report, since: shown)
                delivery.print(Self.clearScreen + screen)
                shown = Shown(number: number, report: report, screen: screen)
            } else {
                delivery.print((shown == nil ? "" : "--- run \(number) (\(file) changed) ---\n") + body)
                shown = Shown(number: number, report: report, screen: body)
            }
            plots.drawFile(report, into: &delivery)
            try delivery.send(final: false)
        }

        /// Loads the file with every `--set` and simulates it as a run with the same flags does,
        /// until `saves` hears a save.
        private func simulate(_ saves: SaveMonitor) throws -> RunReport {
            let prior = try self.prior.load(file: file, gallery: false)
            try exceed.check(against: prior)
            var options = try Run.options(
                for: prior, simulation: simulation, output: output, plots: plots, exceed: exceed)
            let progress = progressOptions.display()
            let counter = progress?.counter ?? ProgressCounter()
            options.progress = counter
            defer { progress?.finish() }
            let result: SimulationResult
            do {
                result = try saves.during(counter) { try Simulation.run(prior, options: options) }
            } catch  where counter.isCancelled {
                throw StoppedBySave()
            }
            progress?.finish()
            return RunReport(prior: prior, result: result, notation: output.notation)
        }

        /// Shows why run `number` gave no result: the error line a run prints, on stderr. On a
        /// terminal the last result stays on the screen above it, with a line saying which
        /// run it is from.
        private func showFailure(_ error: Error, number: Int, shown: Shown?, terminal: Bool) throws {
            if error is FileWriteError { throw error }
            let line = AISim.errorLine(AISim.failure(for: error).line ?? "\(error)")
            try Interrupts.delivering(final: false) {
                guard terminal else {
                    StandardStreams.note(line)
                    return
                }
                let before = shown.map { "the numbers above are run \($0.number)'s" } ?? "no run has given a result yet"
                try StandardStreams.write(
                    Self.clearScreen + (shown?.screen ?? header(number))
                        + "\nrun \(number) at \(Self.clock()) failed; \(before):\n")
                StandardStreams.note(line)
                try StandardStreams.write("waiting for the next save of \(file)\n")
            }
        }

        /// The terminal's first lines: what is watched, which run this is and when it ran.
        private func header(_ number: Int) -> String {
            "aisim watch \(file) · run \(number) at \(Self.clock())\(number > 1 ? " after a save" : "") · Ctrl-C stops\n\n"
        }

        /// The lines under a terminal's result: what changed since `shown`, the run before.
        private func changes(to report: RunReport, since shown: Shown?) -> String {
            guard let shown else { return "" }
            let before = Set(output.shown(shown.report.prior))
            let compared = output.shown(report.prior).filter(before.contains)
            let changes = RunChanges(from: shown.report.result, to: report.result, outputs: compared)
            return "\n" + changes.lines(since: shown.number, notation: output.notation).joined(separator: "\n") + "\n"
        }

        /// The time of day, as 14:02:07.
        private static func clock() -> String {
            var now = time(nil)
            var parts = tm()
            localtime_r(&now, &parts)
            return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
        }
    }
}
