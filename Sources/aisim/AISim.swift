import AISimCore
import ArgumentParser
import Foundation

@main
struct AISim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aisim",
        abstract: "How many copies of a freshly trained AI model could the world run in parallel?",
        discussion: """
        aisim samples your uncertainty about world AI compute, training time, horizon \
        length and inference speed-ups from a prior file, runs Finnveden's (2023) model on \
        every sample, and prints percentile tables of the parallel tokens/s and streams the \
        world could run once the model is trained.

        Without a subcommand aisim runs the simulation ('aisim run'):
          aisim --trials 1e7
          aisim --prior my-prior.toml --percentiles 5,50,95 --format json
        Without --prior it uses its built-in copy of distributions/finnveden-2023.toml. \
        'aisim run --help' lists every flag.

        Exit status: 0 on success, 1 for a bad prior file, a shard file that cannot be \
        merged or a write that failed, 64 for bad flags, 130 when stopped by Ctrl-C.
        """,
        version: AISimVersion.current,
        subcommands: [Run.self, Check.self, SweepCommand.self, SensitivityCommand.self, Merge.self, Explain.self, Report.self],
        defaultSubcommand: Run.self
    )

    /// Like ArgumentParser's `main()`, but every error is one line on stderr:
    /// `aisim: error: WHAT`, with the exit status the README documents.
    static func main() {
        StandardStreams.prepare()
        Interrupts.install()
        do {
            var command = try parseAsRoot(PlotArguments.completing(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as PriorError {
            fail("\(error)", status: .failure)
        } catch let error as FileWriteError {
            fail("\(error)", status: .failure)
        } catch let error as ShardError {
            fail("\(error)", status: .failure)
        } catch {
            let status = exitCode(for: error)
            guard status != .success else {
                // --help and --version: their text goes to stdout, which may fail like any write.
                do { try StandardStreams.write(fullMessage(for: error) + "\n") } catch { fail("\(error)", status: .failure) }
                Foundation.exit(0)
            }
            let message = AISim.message(for: error)
            fail(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message, status: status)
        }
    }

    private static func fail(_ message: String, status: ExitCode) -> Never {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ").escapingControlCharacters()
        StandardStreams.note("aisim: error: \(line)\n")
        Foundation.exit(status.rawValue)
    }
}
