import AISimCore
import AISimReport
import ArgumentParser

/// The flags every command shares to name a prior: the file, and `--set` overrides.
struct PriorArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Prior file (TOML) giving each input a number or a distribution, or a built-in prior's name, as long-horizon.",
            discussion:
                "Without it, aisim uses its built-in copy of distributions/finnveden-2023.toml. Every file of distributions/ is built in under its name without .toml ('aisim check --list' lists them); a file of that name in the current directory comes first.",
            valueName: "file"))
    var prior: String?

    @Option(
        name: .customLong("set"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "Override one input: NAME=VALUE, a number or a distribution string (repeatable).",
            discussion:
                "As in a prior file: --set horizon=1000, --set 'horizon=10 to 1000'. The output lists every input as resolved.",
            valueName: "name=value"))
    var assignments: [String] = []

    func validate() throws {
        if prior?.isEmpty == true {
            throw ValidationError("--prior '': give the prior file's name, or leave --prior out for the built-in prior")
        }
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw ValidationError(
                    "--set \(assignment.isEmpty ? "''" : assignment): give NAME=VALUE, as in --set horizon=1000 or --set 'horizon=10 to 1000'"
                )
            }
            if assignment[..<equals].trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(
                    "--set \(assignment): the input's name is missing before '='; give NAME=VALUE, as in --set horizon=1000"
                )
            }
        }
    }

    /// The prior file this command reads, as an input ``OutputPaths`` must not overwrite.
    var inputPaths: [(flag: String, path: String)] { prior.map { [("--prior", $0)] } ?? [] }

    /// The prior named by `--prior` (or `file`, for commands that take it as an argument), or
    /// the built-in one, with every `--set` applied; with `gallery` false, `file` is a file
    /// only, never a built-in prior's name (watch waits for a missing file to appear).
    func load(file: String? = nil, gallery: Bool = true) throws(PriorError) -> Prior {
        let path = file ?? prior
        let base =
            if let path { gallery ? try Gallery.load(fileOrName: path) : try Prior.load(path: path) } else {
                try EmbeddedPrior.load()
            }
        let prior = try base.setting(assignments)
        Self.noteDropped(prior.droppedCorrelations, by: "--set")
        return prior
    }

    /// Says on stderr which correlations an override dropped by fixing an input at a number.
    static func noteDropped(_ correlations: [Correlation], by flag: String) {
        guard !correlations.isEmpty else { return }
        let pairs = correlations.map { "\"\($0.key)\"" }.joined(separator: ", ")
        StandardStreams.note(
            "aisim: note: \(flag) fixes a correlated input at a number, so this run drops its correlation\(correlations.count == 1 ? "" : "s") \(pairs)\n"
        )
    }
}
