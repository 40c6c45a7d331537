extension RunReport {
    /// CSV for programs: comment lines (`#`) with the prior, its SHA-256, the trials, the seed
    /// and every input as resolved; then a header, then one row per output with its unit, mean
    /// and percentiles, every number written so that it reads back exactly.
    public func csv(outputs: [Output] = Output.allCases) -> String {
        var lines = ["# prior: \(prior.source)", "# sha256: \(prior.sha256)", "# trials: \(result.trials)", "# seed: \(result.seed)"]
        lines += prior.entries.map { "# input: \($0.input.spec.name) = \($0.text) (\($0.origin.rawValue))" }
        lines += prior.correlations.map { "# correlation: \($0.key) = \($0.spearman)" }
        lines.append((["output", "unit", "mean"] + result.percentiles.map(\.key)).joined(separator: ","))
        for output in outputs {
            let summary = result[output]
            let fields = [output.spec.name, output.spec.unit, NumberFormat.exact(summary.mean)]
                + summary.percentiles.map(NumberFormat.exact)
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
