import AISimCore
import Foundation

extension RunReport {
    /// A Markdown report of the run: provenance, a summary in words, the percentile table with
    /// its 95% intervals, `explanation` (the model walked through at the inputs' medians),
    /// the plots (an SVG of `svg.outputs` beside the report, when `svg` names it), the sensitivity analysis when
    /// the run has one, and the prior: every resolved input, and the file's text under its
    /// SHA-256.
    public func markdown(
        outputs: [Output]? = nil, svg: (file: String, outputs: [Output])? = nil, explanation: String? = nil
    ) -> String {
        let outputs = outputs ?? prior.reportedOutputs.filter(\.spec.inTable)
        var lines = ["# \(prior.shownTitle)", ""] + (prior.shownDescription.map { [$0, ""] } ?? [])
        lines.append(
            "aisim \(AISimVersion.current) · prior `\(prior.shownSource)` (SHA-256 `\(prior.sha256)`) · \(NumberFormat.grouped(result.trials)) trials · seed \(result.seed) · method \(result.method.rawValue)\(result.replicatesText.map { ", \($0)" } ?? "") · \(result.sketchAccuracy == nil ? "exact percentiles" : "quantile sketch")"
        )
        lines += ["", "## In words", "", summaryInWords()]
        lines += ["", "## Percentiles", ""]
        lines.append(
            "Each cell is the estimate and its 95% confidence interval (\(intervalMethodSummary)); the last row is the mean ± its standard error."
        )
        lines.append("")
        lines.append("| | " + outputs.map { "\($0.spec.name) (\($0.spec.unit))" }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: outputs.count))
        for (k, percentile) in result.percentiles.enumerated() {
            lines.append(
                "| \(percentile.key) | "
                    + outputs.map { output in
                        let summary = result[output]
                        let interval = summary.intervals[k]
                        return
                            "\(notation.format(summary.percentiles[k])) [\(bound(interval.lower)), \(bound(interval.upper))]"
                    }.joined(separator: " | ") + " |")
        }
        lines.append(
            "| mean | "
                + outputs.map { "\(notation.format(result[$0].mean)) ± \(bound(result[$0].meanStandardError))" }.joined(
                    separator: " | ") + " |")
        if let accuracy = result.sketchAccuracy {
            lines += [
                "",
                "Percentiles come from a quantile sketch: each is within ±\(Self.percentage(accuracy)) of the exact order statistic, and the intervals take that in.",
            ]
        }
        if let svg {
            lines += [
                "", "## Distributions", "",
                "![Distributions of \(svg.outputs.map(\.spec.name).joined(separator: " and "))](\(svg.file))",
            ]
        }
        if let explanation {
            lines += [
                "", "## The model at the inputs' medians", "", "```text",
                explanation.trimmingCharacters(in: .newlines), "```",
            ]
        }
        if let sensitivity = result.sensitivity {
            lines += [
                "", "## Sensitivity", "", "```text", sensitivity.table().trimmingCharacters(in: .newlines), "```",
            ]
        }
        lines += ["", "## Prior", "", "| input | value | unit | from |", "|---|---|---|---|"]
        for entry in prior.listedEntries {
            lines.append(
                "| `\(entry.input.spec.name)` | `\(entry.text)` | \(entry.input.spec.unit) | \(entry.whereSet) |")
        }
        if !prior.correlations.isEmpty {
            lines += [
                "",
                "Correlations (Spearman, through a Gaussian copula): "
                    + prior.correlations.map { "`\($0.key)` \($0.spearman)" }.joined(separator: ", "),
            ]
        }
        lines += [
            "", "The prior file, `\(prior.shownSource)` (SHA-256 `\(prior.sha256)`):", "", "```toml",
            prior.text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
                .escapingControlCharacters(keepingLineFeeds: true), "```",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
