import AISimCore

/// A finished sweep, ready to print as a table, CSV or JSON: one row per value of the varied
/// input (or pair of values, for a grid), with the chosen percentiles of the chosen outputs and
/// the probability of each threshold.
public struct SweepReport: Sendable {
    public let prior: Prior
    public let sweep: Sweep
    public let results: [SimulationResult]
    public let outputs: [Output]

    /// The percentiles the report shows, of those the runs found (a fan chart may need more).
    private let shown: [Percentile]

    public init(
        prior: Prior, sweep: Sweep, results: [SimulationResult], outputs: [Output] = Sweep.outputs,
        percentiles: [Percentile]? = nil
    ) {
        precondition(results.count == sweep.rows.count)
        self.prior = prior
        self.sweep = sweep
        self.results = results
        self.outputs = outputs
        shown = percentiles ?? results[0].percentiles
    }

    private var percentiles: [Percentile] { shown }

    /// `output`'s shown percentiles in `result`, in order.
    private func values(_ output: Output, _ result: SimulationResult) -> [Double] {
        shown.compactMap { p in
            result.percentiles.firstIndex { $0.value == p.value }.map { result[output].percentiles[$0] }
        }
    }
    private var names: [String] { sweep.axes.map(\.input.spec.name) }
    private var thresholds: [Threshold] { results[0].exceedances.map(\.threshold) }

    /// A table for people, with the resolved inputs underneath (the varied ones marked). Each
    /// output's name spans its percentile columns; each threshold has a column of its
    /// probability and interval.
    public func table() -> String {
        let varied = sweep.axes.map { "\($0.input.spec.name) (\($0.input.spec.unit))" }.joined(separator: " × ")
        var lines = [
            "Sweep of \(varied) · \(prior.shownTitle)",
            "prior \(prior.shownSource) · \(NumberFormat.grouped(results[0].trials)) \(results[0].trials == 1 ? "trial" : "trials") per row · seed \(results[0].seed)"
                + results[0].methodNote + " · common random numbers across rows", "",
        ]
        let headers =
            names + outputs.flatMap { output in percentiles.map { "\(output.spec.name) \($0.key)" } }
            + thresholds.map { "P(\($0.output.spec.name) \($0.comparison.rawValue) \(NumberFormat.short($0.value)))" }
        let rows = zip(sweep.rows, results).map { values, result in
            values + outputs.flatMap { self.values($0, result).map(NumberFormat.short) }
                + result.exceedances.map { e in
                    "\(Exceedance.shown(e.probability)) [\(Exceedance.shown(e.interval.lower ?? 0)), \(Exceedance.shown(e.interval.upper ?? 1))]"
                }
        }
        let widths = headers.indices.map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { c, pair in
                c < names.count ? pair.0.padding(toLength: pair.1) : pair.0.leftPadding(toLength: pair.1)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        lines.append(line(headers))
        lines += rows.map(line)
        return (lines + [""] + prior.resolvedInputLines(varied: sweep.axes.map(\.input))).joined(separator: "\n") + "\n"
    }

    /// CSV for programs: comment lines as for a run, a header (the varied inputs, then
    /// `OUTPUT_pP` for each output and percentile, then each threshold's probability and
    /// interval), one row per value.
    public func csv() -> String {
        var lines = [
            "# prior: \(prior.shownSource)", "# sha256: \(prior.sha256)", "# trials: \(results[0].trials)",
            "# seed: \(results[0].seed)", "# method: \(results[0].method.rawValue)",
            "# varied: \(names.joined(separator: ", "))",
        ]
        lines += prior.listedEntries.filter { entry in !sweep.axes.contains { $0.input == entry.input } }.map {
            "# input: \($0.input.spec.name) = \($0.text) (\($0.origin.word))"
        }
        lines += prior.correlations.map { "# correlation: \($0.key) = \($0.spearman)" }
        lines.append(
            (names.map(ComparisonReport.field)
                + outputs.flatMap { output in percentiles.map { "\(output.spec.name)_\($0.key)" } }
                + thresholds.flatMap { t in ["P(\(t))", "P(\(t))_lo", "P(\(t))_hi"] }).joined(separator: ","))
        for (values, result) in zip(sweep.rows, results) {
            lines.append(
                (values.map(ComparisonReport.field)
                    + outputs.flatMap { self.values($0, result).map(NumberFormat.exact) }
                    + result.exceedances.flatMap { e in
                        [e.probability, e.interval.lower ?? 0, e.interval.upper ?? 1].map(NumberFormat.exact)
                    }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON for programs: the run's metadata, `vary` (each varied input and its unit), and
    /// `rows`, one per value, each with its `values`, per output its percentiles, and its
    /// `exceedances`.
    public func json() -> String {
        let first = RunReport(prior: prior, result: results[0]).jsonValue
        guard case .object(let members) = first else { return "" }
        let kept = members.filter {
            ["aisim_version", "trials", "seed", "method", "percentile_definition", "prior"].contains($0.0)
        }
        let rows: [JSONValue] = zip(sweep.rows, results).map { values, result in
            let outputs: [(String, JSONValue)] = self.outputs.map { output in
                (
                    output.spec.name,
                    .object([
                        ("unit", .string(output.spec.unit)), ("mean", .number(result[output].mean)),
                        (
                            "percentiles",
                            .object(zip(percentiles, self.values(output, result)).map { ($0.key, .number($1)) })
                        ),
                    ])
                )
            }
            return .object([
                ("values", .object(zip(names, values).map { ($0, .string($1)) })),
                ("outputs", .object(outputs)),
                ("exceedances", .array(result.exceedances.map(\.jsonValue))),
            ])
        }
        let vary: [JSONValue] = sweep.axes.map {
            .object([("input", .string($0.input.spec.name)), ("unit", .string($0.input.spec.unit))])
        }
        return JSONValue.object(kept + [("vary", .array(vary)), ("rows", .array(rows))]).serialized() + "\n"
    }
}
