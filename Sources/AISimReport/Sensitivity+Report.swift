import AISimCore
import Foundation

extension Sensitivity {
    /// For people: per output, a table of the inputs by share (share of Var(log output),
    /// Spearman, elasticity, and the output's median with the input at its p5 and its p95),
    /// what the shares mean, and a text tornado.
    public func table() -> String {
        var lines: [String] = []
        for analysis in analyses {
            let spec = analysis.output.spec
            lines.append(
                "sensitivity of \(spec.name) (\(spec.unit)): median \(NumberFormat.short(analysis.median)), variance of log \(String(format: "%.3g", analysis.varianceOfLog))"
            )
            let header = ["input", "share", "spearman", "elasticity", "median at p5", "median at p95"]
            let rows = analysis.entries.map { e in
                [
                    e.input.spec.name, String(format: "%.1f%%", 100 * e.share), String(format: "%+.3f", e.spearman),
                    String(format: "%+.3g", e.elasticity), NumberFormat.short(e.medianAtLow),
                    NumberFormat.short(e.medianAtHigh),
                ]
            }
            let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
            for row in [header] + rows {
                lines.append(
                    "  " + row[0].padding(toLength: widths[0])
                        + zip(row.dropFirst(), widths.dropFirst()).map { "  " + $0.leftPadding(toLength: $1) }.joined())
            }
            if analysis.varianceOfLog == 0 {
                lines.append(
                    "  the output does not vary in these trials (or by less than double precision resolves), so no input has a share of its spread"
                )
            } else if let nonlinear = analysis.nonlinearPart {
                lines.append(
                    String(
                        format:
                            "  the shares add up to %.1f%%, and %.1f%% of the variance is not linear in the inputs' logarithms (year is uncertain, or deploy_share makes the compute a max), so no share can attribute it",
                        100 * analysis.sharesTotal, 100 * nonlinear)
                        + (correlated
                            ? String(
                                format: "; the correlations between inputs make up %+.1f%%",
                                100 * analysis.correlationPart)
                            : "")
                        + "; each share is the input's linear part at the medians")
            } else if correlated {
                let part = String(format: "%.1f%%", 100 * abs(analysis.correlationPart))
                lines.append(
                    String(format: "  the shares add up to %.1f%%; ", 100 * analysis.sharesTotal)
                        + (analysis.correlationPart >= 0
                            ? "the correlations between inputs explain the other \(part)"
                            : "the correlations between inputs cancel \(part) of that")
                        + " (a share is what the input would explain on its own)")
            } else {
                lines.append(
                    String(
                        format:
                            "  the shares add up to %.1f%%: for independent inputs they are exact, since log(output) is a weighted sum of log(inputs)",
                        100 * analysis.sharesTotal))
            }
            lines.append("")
            lines.append(
                "  tornado: the median with each input held at its p5 (-) and at its p95 (+); log scale, | is the median"
            )
            lines += tornado(analysis).map { "  " + $0 }
            lines.append("")
        }
        lines.append(
            "Spearman correlations and tornado medians come from the first \(NumberFormat.grouped(subsetTrials)) trials; shares from all of them."
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// One bar per input, from the median at its p5 to the median at its p95, on a log scale
    /// centred on the output's median; the widest swing fills the half-width.
    private func tornado(_ analysis: Analysis, halfWidth: Int = 24) -> [String] {
        let center = log(analysis.median)
        let swing =
            analysis.entries.map { max(abs(log($0.medianAtLow) - center), abs(log($0.medianAtHigh) - center)) }.max()
            ?? 0
        let nameWidth = analysis.entries.map(\.input.spec.name.count).max() ?? 0
        return analysis.entries.map { e in
            func position(_ value: Double) -> Int {
                swing > 0 ? Int(((log(value) - center) / swing * Double(halfWidth)).rounded()) : 0
            }
            let (low, high) = (position(e.medianAtLow), position(e.medianAtHigh))
            /// Whether `p` lies between the median and `end`.
            func reaches(_ end: Int, _ p: Int) -> Bool { (min(0, end)...max(0, end)).contains(p) }
            var bar = ""
            for p in -halfWidth...halfWidth {
                bar.append(p == 0 ? "|" : reaches(high, p) ? "+" : reaches(low, p) ? "-" : " ")
            }
            return e.input.spec.name.padding(toLength: nameWidth) + "  " + bar.trimmingTrailingSpaces
        }
    }

    /// For programs: per output, the variance of its log, the shares' total, and per input
    /// its share, Spearman, elasticity, p5 and p95, and the medians at them.
    public var jsonValue: JSONValue {
        .object([
            ("subset_trials", .integer(subsetTrials)),
            ("correlated_inputs", .bool(correlated)),
            (
                "outputs",
                .object(
                    analyses.map { analysis in
                        (
                            analysis.output.spec.name,
                            .object(
                                [
                                    ("median", .number(analysis.median)),
                                    ("variance_of_log", .number(analysis.varianceOfLog)),
                                    ("shares_total", .number(analysis.sharesTotal)),
                                    ("correlation_part", .number(analysis.correlationPart)),
                                ] + (analysis.nonlinearPart.map { [("nonlinear_part", .number($0))] } ?? []) + [
                                    (
                                        "inputs",
                                        .array(
                                            analysis.entries.map { e in
                                                .object([
                                                    ("input", .string(e.input.spec.name)), ("share", .number(e.share)),
                                                    ("spearman", .number(e.spearman)),
                                                    ("elasticity", .number(e.elasticity)),
                                                    ("input_p5", .number(e.inputLow)),
                                                    ("input_p95", .number(e.inputHigh)),
                                                    ("median_at_p5", .number(e.medianAtLow)),
                                                    ("median_at_p95", .number(e.medianAtHigh)),
                                                ])
                                            })
                                    )
                                ])
                        )
                    })
            ),
        ])
    }

    /// CSV: one row per output and input.
    public func csv() -> String {
        var lines = ["output,input,share,spearman,elasticity,input_p5,input_p95,median_at_p5,median_at_p95"]
        for analysis in analyses {
            for e in analysis.entries {
                lines.append(
                    [
                        analysis.output.spec.name, e.input.spec.name, "\(e.share)", "\(e.spearman)", "\(e.elasticity)",
                        "\(e.inputLow)", "\(e.inputHigh)", "\(e.medianAtLow)", "\(e.medianAtHigh)",
                    ].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
