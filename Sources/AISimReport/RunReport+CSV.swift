import AISimCore

extension RunReport {
    /// CSV for programs: comment lines (`#`) with the prior, its SHA-256, the trials, the seed
    /// and every input as resolved; then a header, then one row per output with its unit, mean
    /// and percentiles, every number written so that it reads back exactly. With `ci`, the
    /// mean's standard error (`mean_se`) and each percentile's 95% interval (`p5_lo`, `p5_hi`)
    /// follow; an unbounded side is an empty field.
    public func csv(outputs: [Output]? = nil, ci: Bool = false) -> String {
        let outputs = outputs ?? prior.reportedOutputs
        var lines = [
            "# prior: \(prior.shownSource)", "# sha256: \(prior.sha256)", "# trials: \(result.trials)",
            "# seed: \(result.seed)",
            "# method: \(result.method.rawValue)" + (result.replicatesText.map { " (\($0))" } ?? ""),
        ]
        lines.append(
            "# summary: " + (result.sketchAccuracy.map { "quantile sketch, relative accuracy \($0)" } ?? "exact"))
        if ci { lines.append("# intervals: \(intervalMethod)") }
        lines += prior.listedEntries.map { "# input: \($0.input.spec.name) = \($0.text) (\($0.origin.word))" }
        lines += prior.correlations.map { "# correlation: \($0.key) = \($0.spearman)" }
        var header = ["output", "unit", "mean"] + result.percentiles.map(\.key)
        if ci { header += ["mean_se"] + result.percentiles.flatMap { [$0.key + "_lo", $0.key + "_hi"] } }
        lines.append(header.joined(separator: ","))
        func field(_ x: Double?) -> String { x.map(NumberFormat.exact) ?? "" }
        for output in outputs {
            let summary = result[output]
            var fields =
                [output.spec.name, output.spec.unit, NumberFormat.exact(summary.mean)]
                + summary.percentiles.map(NumberFormat.exact)
            if ci {
                fields +=
                    [field(summary.meanStandardError)]
                    + summary.intervals.flatMap { [field($0.lower), field($0.upper)] }
            }
            lines.append(fields.joined(separator: ","))
        }
        lines += exceedanceCSV()
        return lines.joined(separator: "\n") + "\n"
    }
}
