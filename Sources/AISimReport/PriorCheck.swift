import AISimCore

/// What `aisim check` reports about a prior: every input as understood, with its p5, p50,
/// p95 and mean, and warnings about what a run would meet.
public struct PriorCheck: Sendable {
    public let prior: Prior
    public let rows: [Row]
    public let warnings: [String]

    /// One input as understood.
    public struct Row: Sendable {
        public let entry: PriorEntry
        public let p5: Double, p50: Double, p95: Double, mean: Double
        /// P(sample outside the input's domain): the share of samples a run would reject.
        public let outsideDomain: Double
    }

    public init(_ prior: Prior) {
        self.prior = prior
        rows = prior.listedEntries.map { entry in
            let d = entry.distribution
            return Row(
                entry: entry, p5: d.quantile(0.05), p50: d.quantile(0.5), p95: d.quantile(0.95), mean: d.mean,
                outsideDomain: d.isPoint ? 0 : d.mass(outside: entry.input.spec.domain))
        }
        var warnings: [String] = []
        for row in rows {
            let name = row.entry.input.spec.name
            if row.outsideDomain > 0 {
                let expected = row.outsideDomain * 1e6
                warnings.append(
                    "\(name): \"\(row.entry.text)\" puts \(String(format: "%.2g", row.outsideDomain * 100))% of its mass outside the input's domain (it must be \(row.entry.input.spec.domain.requirement)); a run stops at the first such sample"
                        + (expected >= 0.01
                            ? String(format: ", and a run of 1e6 trials would meet about %.2g of them", expected) : ""))
            }
            if !row.mean.isFinite {
                warnings.append(
                    "\(name): \"\(row.entry.text)\" has no finite mean (its upper tail is too heavy), so the outputs' means will not settle as trials grow; their percentiles are unaffected"
                )
            }
        }
        for input in prior.growthWithoutYear {
            let line = prior[input].line.map { " (line \($0))" } ?? ""
            warnings.append(
                "\(input.spec.name)\(line): has no effect without year; set year, or run aisim timeline, which sets it for each row"
            )
        }
        self.warnings = warnings
    }

    /// The report for people: the prior, then two lines per input (what was written, its unit
    /// and where it was set; then the family as understood and its p5, p50, p95 and mean),
    /// then any warnings.
    public func table() -> String {
        var lines = [prior.heading, "prior \(prior.shownSource) · sha256 \(prior.sha256)", ""]
        let uncertain = rows.filter { !$0.entry.distribution.isPoint }.count
        lines.append("valid: \(rows.count) inputs, \(uncertain) uncertain")
        let nameWidth = rows.map { $0.entry.input.spec.name.count }.max()!
        for row in rows {
            let entry = row.entry
            let spec = entry.input.spec
            lines.append("")
            lines.append(
                spec.name.padding(toLength: nameWidth) + "  \(entry.text)  [\(spec.unit)]  (\(entry.whereSet))")
            if entry.isDerived {
                let derivation =
                    Model.steps.first { $0.result == .input(.serialTokensPerS) }
                    .map { "v = " + $0.formulaText(name: { Model.symbol(of: $0) }, meanings: true) } ?? ""
                lines.append("  derived from the model size in each trial: \(derivation)")
            } else if entry.distribution.isPoint {
                lines.append("  " + entry.distribution.explained)
            } else {
                lines.append("  " + entry.distribution.explained)
                func shown(_ x: Double) -> String {
                    x.isFinite ? NumberFormat.short(x) : x > 0 ? "beyond 1.8e308" : "below -1.8e308"
                }
                lines.append(
                    "  p5 \(shown(row.p5)) · p50 \(shown(row.p50)) · p95 \(shown(row.p95)) · mean \(row.mean.isFinite ? NumberFormat.short(row.mean) : "infinite or beyond 1.8e308")"
                )
            }
        }
        if !prior.correlations.isEmpty {
            lines.append("")
            lines += prior.resolvedInputLines().drop { !$0.hasPrefix("correlations") }
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("warnings:")
            lines += warnings.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report for programs.
    public func json() -> String {
        let inputs: [(String, JSONValue)] = rows.map { row in
            let beyondDouble = !row.entry.isDerived && !row.mean.isFinite
            return (
                row.entry.input.spec.name,
                .object(
                    [
                        ("value", .string(row.entry.text)),
                        ("from", .string(row.entry.origin.word)),
                        (
                            "distribution",
                            .string(row.entry.isDerived ? PriorEntry.derivedText : row.entry.distribution.description)
                        ),
                        (
                            "family",
                            .string(row.entry.isDerived ? PriorEntry.derivedText : row.entry.distribution.family)
                        ),
                        ("unit", .string(row.entry.input.spec.unit)),
                        ("p5", row.entry.isDerived ? .null : .number(row.p5)),
                        ("p50", row.entry.isDerived ? .null : .number(row.p50)),
                        ("p95", row.entry.isDerived ? .null : .number(row.p95)),
                        ("mean", row.mean.isFinite && !row.entry.isDerived ? .number(row.mean) : .null),
                        ("mass_outside_domain", .number(row.outsideDomain)),
                    ] + (beyondDouble ? [("mean_beyond_double", .bool(true))] : []))
            )
        }
        return JSONValue.object([
            ("aisim_version", .string(AISimVersion.current)),
            ("valid", .bool(true)),
            (
                "prior",
                .object([
                    ("title", .string(prior.title)), ("path", .string(prior.source)), ("sha256", .string(prior.sha256)),
                ])
            ),
            ("inputs", .object(inputs)),
            ("correlations", prior.correlationsJSON),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ]).serialized() + "\n"
    }
}
