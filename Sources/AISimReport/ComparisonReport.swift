import AISimCore
import Foundation

/// A finished comparison, ready to print: each prior's percentiles side by side with their
/// intervals, then each later prior against the first, trial by trial.
public struct ComparisonReport: Sendable {
    public let comparison: Comparison
    public var notation: Notation

    public init(_ comparison: Comparison, notation: Notation = .default) {
        self.comparison = comparison
        self.notation = notation
    }

    private var percentiles: [Percentile] { comparison.results[0].percentiles }
    /// `A`, `B`, `C`, …: how the table names the priors.
    private func letter(_ k: Int) -> String { String(UnicodeScalar(UInt8(65 + k % 26))) + (k >= 26 ? "\(k / 26)" : "") }

    /// The table: a header naming each prior, one block per output with the priors' columns,
    /// then the ratios' block for each later prior.
    public func table() -> String {
        let result = comparison.results[0]
        var lines = [
            "Comparison on \(comparison.independentStreams ? "independent random numbers" : "common random numbers") · "
                + "\(NumberFormat.grouped(result.trials)) trials · seed \(result.seed)" + result.methodNote
        ]
        for (k, prior) in comparison.priors.enumerated() {
            lines.append(
                "\(letter(k)): \(prior.shownTitle) (prior \(prior.shownSource), sha256 \(prior.sha256.prefix(12)))")
        }
        for output in comparison.outputs {
            lines += ["", "\(output.spec.name) (\(output.spec.unit))"]
            let columns = comparison.results.map { result -> [String] in
                zip(result[output].percentiles, result[output].intervals).map { estimate, interval in
                    "\(notation.format(estimate))  [\(bound(interval.lower)), \(bound(interval.upper))]"
                } + ["\(notation.format(result[output].mean)) ± \(bound(result[output].meanStandardError))"]
            }
            let headers = comparison.priors.indices.map(letter)
            lines += Self.grid(rows: percentiles.map(\.key) + ["mean"], headers: headers, columns: columns)
        }
        lines += exceedanceLines()
        for (k, ratios) in comparison.ratios.enumerated() {
            let b = letter(k + 1)
            lines += ["", "\(b) / A, trial by trial"]
            let columns = ratios.map { ratio -> [String] in
                zip(ratio.percentiles, ratio.intervals).map { estimate, interval in
                    "\(Self.ratio(estimate))  [\(interval.lower.map(Self.ratio) ?? "none"), \(interval.upper.map(Self.ratio) ?? "none")]"
                } + [
                    "\(Self.probability(ratio.greater.probability))  [\(Self.probability(ratio.greater.interval.lower ?? 0)), \(Self.probability(ratio.greater.interval.upper ?? 1))]"
                ]
            }
            lines += Self.grid(
                rows: percentiles.map(\.key) + ["P(\(b) > A)"], headers: ratios.map(\.output.spec.name),
                columns: columns)
        }
        lines += [
            "",
            "95% intervals; a ratio's percentiles come from a quantile sketch within ±\(NumberFormat.percentage(Comparison.ratioAccuracy)), which its interval takes in",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each threshold's probability under every prior, side by side with its interval.
    private func exceedanceLines() -> [String] {
        let thresholds = comparison.results[0].exceedances
        guard !thresholds.isEmpty else { return [] }
        let columns = comparison.results.map { result in
            result.exceedances.map { e in
                "\(Self.probability(e.probability))  [\(Self.probability(e.interval.lower ?? 0)), \(Self.probability(e.interval.upper ?? 1))]"
            }
        }
        return [""]
            + Self.grid(
                rows: thresholds.map { $0.label(notation) }, headers: comparison.priors.indices.map(letter),
                columns: columns)
    }

    /// Rows labelled on the left, one right-aligned column per header.
    private static func grid(rows: [String], headers: [String], columns: [[String]]) -> [String] {
        let labelWidth = rows.map(\.count).max() ?? 0
        let widths = zip(headers, columns).map { header, column in max(header.count, column.map(\.count).max() ?? 0) }
        var lines = [
            "".padding(toLength: labelWidth) + zip(headers, widths).map { "  " + $0.leftPadding(toLength: $1) }.joined()
        ]
        for (r, row) in rows.enumerated() {
            lines.append(
                (row.padding(toLength: labelWidth)
                    + zip(columns, widths).map { "  " + $0[r].leftPadding(toLength: $1) }.joined())
                    .trimmingTrailingSpaces)
        }
        return lines
    }

    private func bound(_ x: Double?) -> String { x.map(notation.format) ?? "none" }
    /// A ratio with four significant digits: `1.414`, `0.7071`, `2.5e3`.
    static func ratio(_ x: Double) -> String { NumberFormat.compact(x) }
    static func probability(_ p: Double) -> String { Exceedance.shown(p) }

    /// JSON: `{"priors": [each as aisim run's JSON], "comparisons": [{"baseline", "prior",
    /// "ratio": {OUTPUT: {"percentiles", "ci95", "min", "max", "p_greater", "ci"}}}]}`.
    public func json() -> String {
        let priors = zip(comparison.priors, comparison.results).map { RunReport(prior: $0, result: $1).jsonValue }
        let comparisons = comparison.ratios.enumerated().map { k, ratios -> JSONValue in
            .object([
                ("baseline", .string(comparison.priors[0].source)), ("prior", .string(comparison.priors[k + 1].source)),
                (
                    "ratio",
                    .object(
                        ratios.map { ratio in
                            (
                                ratio.output.spec.name,
                                .object([
                                    (
                                        "percentiles",
                                        .object(zip(percentiles, ratio.percentiles).map { ($0.key, .number($1)) })
                                    ),
                                    (
                                        "ci95",
                                        .object(
                                            zip(percentiles, ratio.intervals).map {
                                                (
                                                    $0.key,
                                                    .array([
                                                        $1.lower.map(JSONValue.number) ?? .null,
                                                        $1.upper.map(JSONValue.number) ?? .null,
                                                    ])
                                                )
                                            })
                                    ),
                                    ("min", .number(ratio.minimum)), ("max", .number(ratio.maximum)),
                                    ("p_greater", .number(ratio.greater.probability)),
                                    (
                                        "ci",
                                        .array([
                                            .number(ratio.greater.interval.lower ?? 0),
                                            .number(ratio.greater.interval.upper ?? 1),
                                        ])
                                    ),
                                ])
                            )
                        })
                ),
            ])
        }
        let result = comparison.results[0]
        return JSONValue.object([
            ("aisim_version", .string(AISimVersion.current)), ("trials", .integer(result.trials)),
            ("seed", .unsigned(result.seed)),
            ("method", .string(result.method.rawValue)),
            ("common_random_numbers", .bool(!comparison.independentStreams)),
            ("ratio_sketch_accuracy", .number(Comparison.ratioAccuracy)),
            ("priors", .array(priors)), ("comparisons", .array(comparisons)),
        ]).serialized() + "\n"
    }

    /// CSV: each prior's outputs (`prior,output,unit,mean,p…`), then after a blank line each
    /// comparison's ratios (`baseline,prior,output,p…,p_greater,p_greater_lo,p_greater_hi`),
    /// then, with thresholds, after another blank line each prior's exceedances
    /// (`prior,exceedance_output,op,threshold,probability,count,trials,ci95_lo,ci95_hi`).
    public func csv() -> String {
        let keys = percentiles.map(\.key)
        var lines = [(["prior", "output", "unit", "mean"] + keys).joined(separator: ",")]
        for (prior, result) in zip(comparison.priors, comparison.results) {
            for output in comparison.outputs {
                let summary = result[output]
                lines.append(
                    ([Self.field(prior.source), output.spec.name, output.spec.unit, NumberFormat.exact(summary.mean)]
                        + summary.percentiles.map(NumberFormat.exact)).joined(separator: ","))
            }
        }
        lines += [
            "",
            (["baseline", "prior", "output"] + keys + ["p_greater", "p_greater_lo", "p_greater_hi"]).joined(
                separator: ","),
        ]
        for (k, ratios) in comparison.ratios.enumerated() {
            for ratio in ratios {
                lines.append(
                    ([
                        Self.field(comparison.priors[0].source), Self.field(comparison.priors[k + 1].source),
                        ratio.output.spec.name,
                    ]
                        + ratio.percentiles.map(NumberFormat.exact)
                        + [
                            ratio.greater.probability, ratio.greater.interval.lower ?? 0,
                            ratio.greater.interval.upper ?? 1,
                        ].map(
                            NumberFormat.exact)).joined(separator: ","))
            }
        }
        if !comparison.results[0].exceedances.isEmpty {
            lines += ["", "prior," + Exceedance.csvHeader]
            for (prior, result) in zip(comparison.priors, comparison.results) {
                lines += result.exceedances.map { Self.field(prior.source) + "," + $0.csvRow }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
