import AISimCore
import AISimReport
import ArgumentParser
import Foundation

/// The `aisim` command: runs the simulation, or one of its subcommands.
public struct AISim: ParsableCommand {
    public static let configuration = CommandConfiguration(
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
            merged or a write that failed, 64 for bad flags, 128 + the signal when stopped \
            by one: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP, 131 for SIGQUIT.
            """,
        version: AISimVersion.current,
        subcommands: [
            Run.self, Check.self, SweepCommand.self, SensitivityCommand.self, Compare.self, Merge.self, Explain.self,
            Report.self, Inputs.self, Init.self, TimelineCommand.self, Serve.self, Watch.self,
        ],
        defaultSubcommand: Run.self
    )

    public init() {}

    /// Like ArgumentParser's `main()`, but every error is one line on stderr:
    /// `aisim: error: WHAT`, with the exit status the README documents.
    public static func main() {
        StandardStreams.prepare()
        Interrupts.install()
        do {
            var command = try parse(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch {
            let (line, status) = failure(for: error)
            guard let line else {
                // --help and --version: their text goes to stdout, which may fail like any write.
                do { try StandardStreams.write(fullMessage(for: error) + "\n") } catch {
                    fail("\(error)", ExitCode.failure.rawValue)
                }
                Foundation.exit(0)
            }
            fail(line, status)
        }
    }

    /// The command `arguments` name, parsed and validated (``PlotArguments/completing(_:)``
    /// first gives a bare `--plot` its default list).
    public static func parse(_ arguments: [String]) throws -> ParsableCommand {
        if arguments.first == "help", arguments.count > 1,
            let unknown = arguments.dropFirst().first(where: { name in
                !configuration.subcommands.contains { $0._commandName == name }
            })
        {
            let names = configuration.subcommands.map { $0._commandName }
            throw ValidationError(
                "help \(unknown): there is no such command; the commands are \(names.joined(separator: ", "))")
        }
        do {
            return try parseAsRoot(PlotArguments.completing(arguments))
        } catch {
            var text = message(for: error)
            if text.hasPrefix("Error: ") { text.removeFirst(7) }
            guard let hint = ArgumentHints.hint(for: arguments, message: text) else { throw error }
            throw ValidationError(text + hint)
        }
    }

    /// What aisim prints for `error` and its exit status: a prior, a write or a shard that
    /// failed is 1, a bad flag 64; the line is nil for `--help` and `--version`, which exit 0.
    public static func failure(for error: Error) -> (line: String?, status: Int32) {
        switch error {
        case let error as PriorError:
            let remedy = error.remedy.map { words(for: $0, merging: false) } ?? ""
            return (error.described(overridesAs: "--set", remedy: remedy), ExitCode.failure.rawValue)
        case let error as ShardError:
            return (
                error.described(remedy: error.remedy.map { words(for: $0, merging: true) } ?? ""),
                ExitCode.failure.rawValue
            )
        case is FileWriteError, is ServeFailure:
            return ("\(error)", ExitCode.failure.rawValue)
        default:
            let status = exitCode(for: error)
            guard status != .success else { return (nil, 0) }
            let message = AISim.message(for: error)
            return (message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message, status.rawValue)
        }
    }

    /// A remedy in the command line's words: which flags to change, for a run or for merge.
    static func words(for remedy: Remedy, merging: Bool) -> String {
        switch remedy {
        case .coarserSketch(let fitting):
            let accuracy = fitting.map { "--accuracy \($0) or coarser" }
            if merging {
                return accuracy.map { "; rerun the shards with \($0)" }
                    ?? "; rerun the shards with --summary exact in one run"
            }
            return "; use " + (accuracy.map { $0 + ", " } ?? "") + "--summary exact, or narrower priors"
        case .runShards(let count):
            return "; run them with --shard K/\(count) and merge again"
        }
    }

    /// Writes `message` as one line on stderr, its control characters escaped, and exits.
    private static func fail(_ message: String, _ status: Int32) -> Never {
        StandardStreams.note(errorLine(message))
        Foundation.exit(status)
    }

    /// `message` as aisim's one error line: `aisim: error: WHAT`, its line breaks made spaces
    /// and its control characters escaped.
    static func errorLine(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ").escapingControlCharacters()
        return "aisim: error: \(line)\n"
    }
}
