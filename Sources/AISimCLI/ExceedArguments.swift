import AISimCore
import ArgumentParser

/// `--exceed 'OUTPUT>=X'`: thresholds whose probability a command estimates.
struct ExceedArguments: ParsableArguments {
    @Option(
        name: .customLong("exceed"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "Estimate P(OUTPUT >= X), or with >, <=, <, with its 95% interval (repeatable): --exceed 'streams>=1e6'.",
            discussion:
                "Every trial past the threshold is counted, so the probability is exact for the sample, whatever the summary; its interval is Clopper-Pearson's (exact binomial), or from the replicates for --method lhs|sobol. Quote the argument: the shell reads > and < as redirections.",
            valueName: "threshold"),
        transform: { text in
            do { return try Threshold(parsing: text) } catch { throw ValidationError("\(error)") }
        })
    var thresholds: [Threshold] = []

    func validate() throws {
        if let repeated = thresholds.indices.first(where: { thresholds[..<$0].contains(thresholds[$0]) }) {
            throw ValidationError("--exceed \(thresholds[repeated]) is given twice")
        }
    }

    /// Throws a usage error for a threshold on an output `prior` does not report (and so
    /// does not compute).
    func check(against prior: Prior) throws {
        try OutputList.checkReported(thresholds.map(\.output), flag: "--exceed", prior: prior)
    }
}
