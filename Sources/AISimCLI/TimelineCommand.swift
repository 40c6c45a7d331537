import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Runs the simulation once per year and tabulates how the outputs grow.
    struct TimelineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "Run once per year, with world compute and serial speed grown to it, and tabulate the outputs.",
            discussion: """
                Each row is the run with --set year=YEAR: world_flops grows by compute_growth per \
                year from base_year (default 2023), and the serial speed by serial_speed_growth. \
                Every row uses the same seed and draws, so the curve across years is smooth. \
                With --exceed, the table says in which year each probability first passes 50% \
                and in which years its interval still holds 50%. Not modelled: algorithmic \
                progress in training.

                Examples:
                  aisim timeline --prior timeline --years 2024:2040:2
                  aisim timeline --prior timeline --years 2024:2040:2 --exceed 'streams>=1e6'
                  aisim timeline --prior my.toml --years 2025:2035 --format json
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The years: FIRST:LAST, one a year, or FIRST:LAST:STEP; both ends included (at most 200 years).",
                valueName: "first:last[:step]"))
        var years: String

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Outputs each year shows, separated by commas, or 'all' (default: parallel_tokens_per_s,streams).",
                valueName: "list"),
            transform: OutputList.parse)
        var outputs: [Output]?

        @OptionGroup var exceed: ExceedArguments
        @OptionGroup var destination: ReportDestination

        @OptionGroup var chart: FanChartArguments

        @OptionGroup var progressOptions: ProgressArguments

        /// Every file the command writes, and the prior it reads.
        private var paths: OutputPaths { chart.adding(to: destination.paths(prior: prior)) }

        func validate() throws {
            try paths.checkDistinct()
            _ = try Self.parseYears(years)
        }

        /// The years `text` names, or a flag error that says what is wrong with it.
        static func parseYears(_ text: String) throws -> [Double] {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let numbers = parts.map { Double($0) }
            guard (2...3).contains(parts.count), numbers.allSatisfy({ $0?.isFinite == true }) else {
                throw ValidationError("--years \(text): give FIRST:LAST or FIRST:LAST:STEP, as in --years 2024:2040:2")
            }
            let (first, last, step) = (numbers[0]!, numbers[1]!, parts.count == 3 ? numbers[2]! : 1)
            guard last >= first else {
                throw ValidationError("--years \(text): the last year, \(parts[1]), is before the first, \(parts[0])")
            }
            guard step > 0 else {
                throw ValidationError("--years \(text): the step must be a positive number of years")
            }
            guard let years = Timeline.years(from: first, to: last, step: step) else {
                let count = ((last - first) / step).rounded(.down) + 1
                throw ValidationError(
                    "--years \(text) gives \(NumberFormat.grouped(Int(min(count, 1e15)))) years; a timeline has at most \(Timeline.maximumYears)"
                )
            }
            return years
        }

        func run() throws {
            try paths.checkWritable()
            let timeline = Timeline(years: try Self.parseYears(years))
            let prior = try self.prior.load()
            let outputs = (self.outputs.map { $0 == Output.allCases ? prior.reportedOutputs : $0 }) ?? Sweep.outputs
            try OutputList.checkReported(outputs, flag: "--outputs", prior: prior)
            try exceed.check(against: prior)
            PriorArguments.noteDropped(try timeline.sweep.droppedCorrelations(prior), by: "--years")
            let (results, shown) = try chart.runRows(
                simulation, exceed: exceed, outputs: outputs, progress: progressOptions, step: "year"
            ) { try timeline.run(prior, options: $0) }
            let report = TimelineReport(
                prior: prior, timeline: timeline, results: results, outputs: outputs, percentiles: shown)
            try chart.deliver(report.text(destination.format), to: destination) {
                FanChart(prior: prior, years: timeline.years, results: results, outputs: outputs)
            }
        }
    }
}
