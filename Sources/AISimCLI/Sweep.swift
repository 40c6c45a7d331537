import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Runs the simulation once per value of one input.
    struct SweepCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sweep",
            abstract: "Run once per value of one input (or pair of two, a grid) and tabulate the outputs.",
            discussion: """
                Every row uses the same seed and trials, and every input draws from its own random \
                stream, so rows differ only by the varied input: the inputs a row does not vary \
                take the same values in every row. A row equals a single run with --set NAME=VALUE.

                Examples:
                  aisim sweep --vary horizon=1,10,100,1000
                  aisim sweep --vary 'horizon=logspace(1, 1000, 4)' --format csv
                  aisim sweep --vary 'ai_share=linspace(0.1, 0.5, 5)' --prior my.toml
                  aisim sweep --vary 'horizon=1 to 10; 10 to 100; loguniform(1, 1e4)'
                  aisim sweep --vary horizon=1,100 --vary ai_share=0.1,0.25 --exceed 'streams>=1e8'
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The input and its values: NAME=v1,v2,..., NAME=logspace(a, b, k), NAME=linspace(a, b, k), or distributions separated by semicolons, NAME='1 to 10; 10 to 100'. Twice for a grid.",
                discussion:
                    "logspace gives k values evenly spaced in log from a to b, linspace k values evenly spaced, both ends included. Two --vary flags make a grid of every pair of values.",
                valueName: "name=values"))
        var vary: [String] = []

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Outputs each row shows, separated by commas, or 'all' (default: parallel_tokens_per_s,streams).",
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
            if chart.svg != nil && vary.count != 1 {
                throw ValidationError("--svg draws a sweep of one input; a grid of two has no fan chart")
            }
            guard !vary.isEmpty else {
                throw ValidationError("sweep needs --vary NAME=VALUES, as in --vary horizon=1,10,100")
            }
            guard vary.count <= 2 else {
                throw ValidationError(
                    "--vary is given \(vary.count) times; a sweep varies one input, or two for a grid of every pair")
            }
            for spec in vary {
                guard let equals = spec.firstIndex(of: "="),
                    !spec[..<equals].trimmingCharacters(in: .whitespaces).isEmpty
                else {
                    throw ValidationError(
                        "--vary \(spec.isEmpty ? "''" : spec): give NAME=VALUES, as in --vary horizon=1,10,100 or --vary 'horizon=logspace(1, 1000, 4)'"
                    )
                }
            }
        }

        func run() throws {
            try paths.checkWritable()
            var axes: [Sweep.Axis] = []
            for spec in vary { axes.append(try VaryValues.parse(spec)) }
            if axes.count == 2 && axes[0].input == axes[1].input {
                throw ValidationError(
                    "--vary names \(axes[0].input.spec.name) twice; a grid varies two different inputs")
            }
            if axes.reduce(1, { $0 * $1.values.count }) > Sweep.maximumValues {
                throw ValidationError(
                    "the grid has \(axes.reduce(1) { $0 * $1.values.count }) rows; a sweep has at most \(Sweep.maximumValues)"
                )
            }
            let sweep = Sweep(axes: axes)
            let prior = try self.prior.load()
            let outputs = (self.outputs.map { $0 == Output.allCases ? prior.reportedOutputs : $0 }) ?? Sweep.outputs
            try OutputList.checkReported(outputs, flag: "--outputs", prior: prior)
            try exceed.check(against: prior)
            PriorArguments.noteDropped(try sweep.droppedCorrelations(prior), by: "--vary")
            let charted = try chart.svg.map { _ in try Self.numbers(axes[0]) } ?? []
            let (results, shown) = try chart.runRows(
                simulation, exceed: exceed, outputs: outputs, progress: progressOptions, step: "row"
            ) { try sweep.run(prior, options: $0) }
            let report = SweepReport(
                prior: prior, sweep: sweep, results: results, outputs: outputs, percentiles: shown)
            try chart.deliver(report.text(destination.format), to: destination) {
                FanChart(prior: prior, input: axes[0].input, values: charted, results: results, outputs: outputs)
            }
        }

        /// The axis's values as increasing numbers, or a flag error: a fan chart needs them.
        static func numbers(_ axis: Sweep.Axis) throws -> [Double] {
            let values = axis.values.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == axis.values.count, zip(values, values.dropFirst()).allSatisfy(<) else {
                throw ValidationError(
                    "--svg needs --vary \(axis.input.spec.name) to take increasing numbers, not distributions")
            }
            return values
        }
    }
}
