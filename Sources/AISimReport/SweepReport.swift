import AISimCore

/// A finished sweep, ready to print as a table, CSV or JSON: one row per value of the varied
/// input, with the chosen percentiles of parallel tokens/s and streams.
public struct SweepReport: Sendable {
    public let prior: Prior
    public let sweep: Sweep
    public let results: [SimulationResult]

    public init(prior: Prior, sweep: Sweep, results: [SimulationResult]) {
        precondition(results.count == sweep.values.count)
        self.prior = prior
        self.sweep = sweep
        self.results = results
    }

    private var percentiles: [Percentile] { results[0].percentiles }
    private var name: String { sweep.input.spec.name }

    /// A table for people, with the resolved inputs underneath (the varied one marked).
    /// Each output's name spans its percentile columns, which share one width.
    public func table() -> String {
        let k = percentiles.count
        let cells = zip(sweep.values, results).map { value, result in
            (value.text, Sweep.outputs.map { output in result[output].percentiles.map(NumberFormat.short) })
        }
        let firstWidth = max(name.count, cells.map(\.0.count).max()!)
        let titles = Sweep.outputs.map { "\($0.spec.name) (\($0.spec.unit))" }
        let widths = Sweep.outputs.indices.map { o in
            max(
                percentiles.map(\.key.count).max()!, cells.flatMap { $0.1[o].map(\.count) }.max()!,
                (titles[o].count - 2 * (k - 1) + k - 1) / k)
        }
        var lines = [
            "Sweep of \(name) (\(sweep.input.spec.unit)) · \(prior.shownTitle)",
            "prior \(prior.shownSource) · \(NumberFormat.grouped(results[0].trials)) trials per value · seed \(results[0].seed)"
                + results[0].methodNote, "",
        ]
        lines.append(
            ("".padding(toLength: firstWidth)
                + zip(titles, widths).map { "  " + $0.padding(toLength: k * $1 + 2 * (k - 1)) }.joined())
                .trimmingTrailingSpaces)
        lines.append(
            name.padding(toLength: firstWidth)
                + widths.map { w in percentiles.map { "  " + $0.key.leftPadding(toLength: w) }.joined() }.joined())
        for (text, values) in cells {
            lines.append(
                text.padding(toLength: firstWidth)
                    + zip(values, widths).map { group, w in group.map { "  " + $0.leftPadding(toLength: w) }.joined() }
                    .joined())
        }
        return (lines + [""] + prior.resolvedInputLines(varied: sweep.input)).joined(separator: "\n") + "\n"
    }

    /// CSV for programs: comment lines as for a run, a header (`NAME`, then
    /// `OUTPUT_pP` for each output and percentile), one row per value.
    public func csv() -> String {
        var lines = [
            "# prior: \(prior.shownSource)", "# sha256: \(prior.sha256)", "# trials: \(results[0].trials)",
            "# seed: \(results[0].seed)", "# method: \(results[0].method.rawValue)", "# varied: \(name)",
        ]
        lines += prior.listedEntries.filter { $0.input != sweep.input }.map {
            "# input: \($0.input.spec.name) = \($0.text) (\($0.origin.word))"
        }
        lines += prior.correlations.map { "# correlation: \($0.key) = \($0.spearman)" }
        lines.append(
            ([name] + Sweep.outputs.flatMap { output in percentiles.map { "\(output.spec.name)_\($0.key)" } }).joined(
                separator: ","))
        for (value, result) in zip(sweep.values, results) {
            lines.append(
                ([value.text] + Sweep.outputs.flatMap { result[$0].percentiles.map(NumberFormat.exact) }).joined(
                    separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON for programs: the run's metadata, and `rows`, one per value, each with the
    /// value and, per output, its percentiles.
    public func json() -> String {
        let first = RunReport(prior: prior, result: results[0]).jsonValue
        guard case .object(let members) = first else { return "" }
        let kept = members.filter {
            ["aisim_version", "trials", "seed", "method", "percentile_definition", "prior"].contains($0.0)
        }
        let rows: [JSONValue] = zip(sweep.values, results).map { value, result in
            .object([
                ("value", .number(value.value)),
                (
                    "outputs",
                    .object(
                        Sweep.outputs.map { output in
                            (
                                output.spec.name,
                                .object([
                                    ("unit", .string(output.spec.unit)),
                                    ("mean", .number(result[output].mean)),
                                    (
                                        "percentiles",
                                        .object(
                                            zip(percentiles, result[output].percentiles).map { ($0.key, .number($1)) })
                                    ),
                                ])
                            )
                        })
                ),
            ])
        }
        return JSONValue.object(
            kept + [
                ("vary", .object([("input", .string(name)), ("unit", .string(sweep.input.spec.unit))])),
                ("rows", .array(rows)),
            ]
        ).serialized() + "\n"
    }
}
