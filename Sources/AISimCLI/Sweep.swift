import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Runs the simulation once per value of one input.
    struct SweepCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sweep",
            abstract: "Run once per value of one input and tabulate parallel tokens/s and streams.",
            discussion: """
                Every row uses the same seed and trials, so rows differ only by the input. A row \
                equals a single run with --set NAME=VALUE.

                Examples:
                  aisim sweep --vary horizon=1,10,100,1000
                  aisim sweep --vary 'horizon=logspace(1, 1000, 4)' --format csv
                  aisim sweep --vary 'ai_share=linspace(0.1, 0.5, 5)' --prior my.toml
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The input and its values: NAME=v1,v2,..., NAME=logspace(a, b, k) or NAME=linspace(a, b, k).",
                discussion:
                    "logspace gives k values evenly spaced in log from a to b, linspace k values evenly spaced, both ends included.",
                valueName: "name=values"))
        var vary: String

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments

        @OptionGroup var destination: ReportDestination

        func validate() throws {
            try destination.paths(prior: prior).checkDistinct()
            guard let equals = vary.firstIndex(of: "="), !vary[..<equals].trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw ValidationError(
                    "--vary \(vary.isEmpty ? "''" : vary): give NAME=VALUES, as in --vary horizon=1,10,100 or --vary 'horizon=logspace(1, 1000, 4)'"
                )
            }
        }

        func run() throws {
            try destination.paths(prior: prior).checkWritable()
            let sweep = try VaryValues.parse(vary)
            let prior = try self.prior.load()
            let results = try sweep.run(
                prior, options: simulation.options(defaultPercentiles: Sweep.defaultPercentiles))
            let report = SweepReport(prior: prior, sweep: sweep, results: results)
            let text =
                switch destination.format {
                case .table: report.table()
                case .csv: report.csv()
                case .json: report.json()
                }
            try destination.emit(text)
        }
    }
}
