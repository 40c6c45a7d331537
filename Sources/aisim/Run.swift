import AISimCore
import ArgumentParser

extension AISim {
    /// Simulates a prior and prints its percentile table: aisim's default command.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a prior and print percentiles of every output (the default).",
            discussion: """
            Examples:
              aisim --trials 1e7
              aisim --prior distributions/post-point.toml --trials 1
              aisim --prior my.toml --percentiles 5,50,95 --format json --output run.json
            """
        )

        @OptionGroup var simulation: SimulationArguments
        @OptionGroup var output: OutputArguments

        func run() throws {
            let prior = try simulation.loadPrior()
            let result = try Simulation.run(prior, options: simulation.options)
            try output.emit(output.render(RunReport(prior: prior, result: result)))
        }
    }
}
