import AISimCore

/// A finished timeline, ready to print as a table, CSV or JSON: one row per year, with the
/// chosen percentiles of the chosen outputs, each threshold's probability, the widest Monte
/// Carlo error, and when each threshold's probability passes 50%.
public struct TimelineReport: Sendable {
    public let prior: Prior
    public let timeline: Timeline
    public let results: [SimulationResult]
    public let outputs: [Output]
    public let notation: Notation
    /// The percentiles the report shows, of those the runs found (a fan chart may need more).
    private let shown: [Percentile]

    public init(
        prior: Prior, timeline: Timeline, results: [SimulationResult], outputs: [Output] = Sweep.outputs,
        percentiles: [Percentile]? = nil, notation: Notation = .default
    ) {
        precondition(results.count == timeline.years.count)
        self.prior = prior
        self.timeline = timeline
        self.results = results
        self.outputs = outputs
        self.notation = notation
        shown = percentiles ?? results[0].percentiles
    }

    private var percentiles: [Percentile] { shown }

    /// `output`'s shown percentiles in `result`, in order.
    private func values(_ output: Output, _ result: SimulationResult) -> [Double] {
        shown.compactMap { p in
            result.percentiles.firstIndex { $0.value == p.value }.map { result[output].percentiles[$0] }
        }
    }

    /// `output`'s shown percentiles' intervals in `result`, in order.
    private func intervals(_ output: Output, _ result: SimulationResult) -> [ConfidenceInterval] {
        shown.compactMap { p in
            result.percentiles.firstIndex { $0.value == p.value }.map { result[output].intervals[$0] }
        }
    }
    private var thresholds: [Threshold] { results[0].exceedances.map(\.threshold) }
    private var years: [String] { timeline.years.map(Timeline.text) }

    /// A table for people: the years down, each output's percentiles and each threshold's
    /// probability across, then the widest Monte Carlo error, the 50% crossings and the
    /// resolved inputs (year marked as each row's).
    public func table() -> String {
        var lines = [
            "Timeline · \(prior.heading)",
            "prior \(prior.shownSource) · \(NumberFormat.grouped(results[0].trials)) \(results[0].trials == 1 ? "trial" : "trials") per year · seed \(results[0].seed)"
                + results[0].methodNote + " · common random numbers across years", "",
        ]
        let headers =
            ["year"] + outputs.flatMap { output in percentiles.map { "\(output.spec.name) \($0.key)" } }
            + results[0].exceedances.map { $0.label(notation) }
        let rows = zip(years, results).map { year, result in
            [year] + outputs.flatMap { values($0, result).map(notation.format) }
                + result.exceedances.map { e in
                    "\(Exceedance.shown(e.probability)) [\(Exceedance.shown(e.interval.lower ?? 0)), \(Exceedance.shown(e.interval.upper ?? 1))]"
                }
        }
        let widths = headers.indices.map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { c, pair in
                c == 0 ? pair.0.padding(toLength: pair.1) : pair.0.leftPadding(toLength: pair.1)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        lines.append(line(headers))
        lines += rows.map(line)
        lines.append("")
        lines += errorLine.map { [$0] } ?? []
        lines += crossingLines
        lines.append("not modelled: algorithmic progress in training (it changes what capability a given N buys)")
        return (lines + [""] + prior.resolvedInputLines(varied: [.year], by: "--years", including: Prior.growthInputs))
            .joined(separator: "\n") + "\n"
    }

    /// The widest 95% interval of any shown percentile in any year, in words.
    private var errorLine: String? {
        let worst = zip(years, results).compactMap { year, result in
            RunReport(prior: prior, result: result).worstInterval(outputs: outputs).map { (year, $0) }
        }.max { $0.1.halfWidth < $1.1.halfWidth }
        guard let (year, interval) = worst, results[0].trials > 1 else { return nil }
        let method = RunReport(prior: prior, result: results[0]).intervalMethodSummary
        let place = "\(interval.output.spec.name) \(interval.percentile.key) in \(year)"
        return interval.halfWidth.isFinite
            ? "Monte Carlo error: every percentile within ±\(NumberFormat.percentage(interval.halfWidth)) (95%, \(method); widest: \(place))"
            : "Monte Carlo error: unbounded at \(place), too few trials to bound it (95%, \(method))"
    }

    /// For each threshold, the first year its probability passes 50%, and the years whose
    /// interval holds 50%.
    private var crossingLines: [String] {
        zip(timeline.crossings(results), results[0].exceedances).map { crossing, e in
            let label = e.label(notation)
            let undecided =
                crossing.undecided.isEmpty
                ? ""
                : "; its 95% interval holds 50% in \(crossing.undecided.map(Timeline.text).joined(separator: ", "))"
            guard let first = crossing.first else {
                return "\(label) stays at or below 50% from \(years[0]) to \(years[years.count - 1])\(undecided)"
            }
            return "\(label) first passes 50% in \(Timeline.text(of: first))\(undecided)"
        }
    }

    /// CSV for programs: comment lines as for a run, a header (`year`, then `OUTPUT_pP`,
    /// `OUTPUT_pP_lo` and `OUTPUT_pP_hi` for each output and percentile, then each
    /// threshold's probability and interval), one row per year.
    public func csv() -> String {
        var lines = [
            "# prior: \(prior.shownSource)", "# sha256: \(prior.sha256)", "# trials: \(results[0].trials)",
            "# seed: \(results[0].seed)", "# method: \(results[0].method.rawValue)", "# varied: year",
        ]
        lines += prior.listedEntries.filter { $0.input != .year }.map {
            "# input: \($0.input.spec.name) = \($0.text) (\($0.origin.word))"
        }
        lines += prior.correlations.map { "# correlation: \($0.key) = \($0.spearman)" }
        lines.append(
            (["year"]
                + outputs.flatMap { output in
                    percentiles.flatMap { p in ["", "_lo", "_hi"].map { "\(output.spec.name)_\(p.key)\($0)" } }
                }
                + thresholds.flatMap { t in ["P(\(t))", "P(\(t))_lo", "P(\(t))_hi"] }).joined(separator: ","))
        for (year, result) in zip(years, results) {
            let cells = outputs.flatMap { output in
                zip(values(output, result), intervals(output, result)).flatMap { value, interval in
                    [
                        NumberFormat.exact(value), interval.lower.map(NumberFormat.exact) ?? "",
                        interval.upper.map(NumberFormat.exact) ?? "",
                    ]
                }
            }
            let exceedances = result.exceedances.flatMap { e in
                [e.probability, e.interval.lower ?? 0, e.interval.upper ?? 1].map(NumberFormat.exact)
            }
            lines.append(([year] + cells + exceedances).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON for programs: the run's metadata and prior, then `years`, one object per year
    /// with its `year`, its `outputs` as `aisim run` writes them and its `exceedances`, then
    /// `crossings`, per threshold the first year past 50% and the undecided years.
    public func json() -> String {
        guard case .object(let members) = RunReport(prior: prior, result: results[0]).jsonValue else { return "" }
        let kept = members.filter {
            ["aisim_version", "trials", "seed", "method", "percentile_definition", "interval_method", "prior"]
                .contains($0.0)
        }
        let names = Set(outputs.map(\.spec.name))
        let rows: [JSONValue] = zip(timeline.years, results).map { year, result in
            guard case .object(let run) = RunReport(prior: prior, result: result).jsonValue,
                case .object(let all)? = run.first(where: { $0.0 == "outputs" })?.1
            else { return .null }
            return .object([
                ("year", .number(year)), ("outputs", .object(all.filter { names.contains($0.0) })),
                ("exceedances", .array(result.exceedances.map(\.jsonValue))),
            ])
        }
        let crossings: [JSONValue] = timeline.crossings(results).map { c in
            .object([
                ("threshold", .string(c.threshold.description)),
                ("first_year_above_half", c.first.map { .number($0) } ?? .null),
                ("years_interval_holds_half", .array(c.undecided.map { .number($0) })),
            ])
        }
        return JSONValue.object(kept + [("years", .array(rows)), ("crossings", .array(crossings))]).serialized()
            + "\n"
    }
}
