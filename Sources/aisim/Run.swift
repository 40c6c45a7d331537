import AISimCore
import ArgumentParser
import Foundation

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

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments
        @OptionGroup var output: OutputArguments

        @Flag(name: .long, help: "Print how long each phase took, and trials/s, on stderr.")
        var timing = false

        @Flag(name: .long, help: ArgumentHelp(
            "Add which inputs drive the spread of parallel tokens/s and streams (table and JSON).",
            discussion: "The same as 'aisim sensitivity', computed in the same pass; the percentiles do not change."))
        var sensitivity = false

        func validate() throws {
            if sensitivity && output.format == .csv {
                throw ValidationError("--sensitivity adds to the table and to JSON; for CSV, run 'aisim sensitivity --format csv'")
            }
        }

        func run() throws {
            var clock = Timing()
            let prior = try self.prior.load()
            clock.lap("parse")
            var options = simulation.options()
            options.sensitivity = sensitivity
            let result = try Simulation.run(prior, options: options)
            clock.lap("simulate")
            let text = output.render(RunReport(prior: prior, result: result))
            clock.lap("format")
            try output.emit(text)
            clock.lap("output")
            if timing { FileHandle.standardError.write(Data(clock.report(result).utf8)) }
        }
    }
}
