import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Runs two or more priors on common random numbers and sets each later one against the first.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Compare priors on common random numbers: their percentiles side by side, and B / A trial by trial.",
            discussion: """
                Every prior runs with the same seed, trials and method, and every input draws \
                from its own random stream, keyed by the seed, the chunk and the input's name. \
                An input with the same distribution in two priors therefore takes the same \
                value in every trial, and each trial's ratio B / A carries only what differs: \
                its percentiles and P(B > A) are far tighter than the two runs' own intervals.

                Examples:
                  aisim compare distributions/finnveden-2023.toml distributions/long-horizon.toml
                  aisim compare a.toml b.toml c.toml --outputs streams --format json
                  aisim compare a.toml b.toml --exceed 'streams>=1e8'
                """
        )

        @Argument(help: ArgumentHelp("Two or more prior files; the first is the baseline.", valueName: "prior"))
        var files: [String]

        @OptionGroup var simulation: SimulationArguments

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Outputs to compare, separated by commas (default: parallel_tokens_per_s,streams).", valueName: "list"),
            transform: OutputList.parse)
        var outputs: [Output] = [.parallelTokensPerS, .streams]

        @OptionGroup var exceed: ExceedArguments
        @OptionGroup var destination: ReportDestination

        @Flag(
            name: .customLong("independent-streams"),
            help:
                "Give each prior its own seed instead of common random numbers, to see how much wider the ratios' intervals become."
        )
        var independentStreams = false

        @OptionGroup var progressOptions: ProgressArguments

        /// The file the report goes to, and the prior files compare reads.
        private var paths: OutputPaths {
            OutputPaths(
                outputs: destination.file.output.map { [("--output", $0)] } ?? [],
                inputs: files.map { ("prior file", $0) })
        }

        func validate() throws {
            guard files.count >= 2 else {
                throw ValidationError(
                    "compare needs two or more prior files (got \(files.count)); the first is the baseline")
            }
            if simulation.summary == .sketch || simulation.accuracy != nil {
                throw ValidationError(
                    "compare finds each prior's percentiles exactly; drop --summary sketch and --accuracy")
            }
            try paths.checkDistinct()
        }

        func run() throws {
            try paths.checkWritable()
            var priors: [Prior] = []
            for file in files { priors.append(try Gallery.load(fileOrName: file)) }
            for output in outputs {
                if let prior = priors.first(where: { !$0.reports(output) }) {
                    throw PriorError(
                        file: prior.source,
                        message:
                            "this prior does not report \(output.spec.name) (it needs \(output.spec.shownWhenSet.map(\.spec.name).joined(separator: " or "))), so the priors cannot be compared on it; compare outputs every prior reports"
                    )
                }
            }
            for prior in priors { try exceed.check(against: prior) }
            var options = simulation.options(summary: .exact)
            options.outputs = outputs
            options.thresholds = exceed.thresholds
            let progress = progressOptions.display()
            options.progress = progress?.counter
            defer { progress?.finish() }
            let comparison = try Comparison.run(
                priors, outputs: outputs, options: options, independentStreams: independentStreams)
            progress?.finish()
            let report = ComparisonReport(comparison, notation: .default)
            try destination.emit(report.text(destination.format))
        }
    }
}
