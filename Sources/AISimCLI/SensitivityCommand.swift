import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Which inputs drive the spread of parallel tokens/s and streams.
    struct SensitivityCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sensitivity",
            abstract: "Show which inputs drive the spread of parallel tokens/s and streams.",
            discussion: """
                For each uncertain input: its share of the variance of log(output), its Spearman \
                rank correlation with the output, its elasticity, and the output's median with \
                the input held at its own 5th and 95th percentiles, drawn as a text tornado. \
                All from one simulation's own samples.

                Every output is a product of powers of the inputs, so log(output) is a weighted \
                sum of log(inputs) and, for independent inputs, the shares are exact and add up \
                to 1. With [correlations], a share is what the input would explain on its own, \
                and the report gives what the correlations add.

                Examples:
                  aisim sensitivity --trials 1e6
                  aisim sensitivity --prior my.toml --format json
                """
        )

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments

        @OptionGroup var destination: ReportDestination
        @OptionGroup var progressOptions: ProgressArguments

        func validate() throws {
            try destination.paths(prior: prior).checkDistinct()
        }

        func run() throws {
            try destination.paths(prior: prior).checkWritable()
            let prior = try self.prior.load()
            var options = simulation.options()
            options.sensitivity = true
            let progress = progressOptions.display()
            options.progress = progress?.counter
            defer { progress?.finish() }
            let result = try Simulation.run(prior, options: options)
            progress?.finish()
            guard let sensitivity = result.sensitivity else { return }
            let text: String
            switch destination.format {
            case .table:
                text = [
                    prior.heading,
                    "prior \(prior.shownSource) · \(NumberFormat.grouped(result.trials)) trials · seed \(result.seed)"
                        + result.methodNote, "",
                    sensitivity.table(),
                ].joined(separator: "\n")
            case .csv:
                text =
                    "# prior: \(prior.shownSource)\n# sha256: \(prior.sha256)\n# trials: \(result.trials)\n# seed: \(result.seed)\n# method: \(result.method.rawValue)\n"
                    + sensitivity.csv()
            case .json:
                guard case .object(let members) = RunReport(prior: prior, result: result).jsonValue else { return }
                text = JSONValue.object(members.filter { $0.0 != "outputs" }).serialized() + "\n"
            }
            try destination.emit(text)
        }
    }
}
