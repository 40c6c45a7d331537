import AISimCore
import Foundation

extension RunReport {
    /// A table for people: the prior's title and provenance, then one row per percentile and
    /// one for the mean, one column per output with its unit under its name (left out where
    /// the name already says it: `streams`, and the whole row when every name does), and a footer
    /// with the Monte Carlo error: the worst relative half-width of the percentiles' 95%
    /// confidence intervals.
    ///
    /// - Parameters:
    ///   - outputs: the columns, in order; by default those whose spec says `inTable`.
    ///   - ci: show each percentile's interval, `[lower, upper]`, beside it, and the mean's
    ///     standard error, `± se`.
    public func table(outputs: [Output]? = nil, ci: Bool = false) -> String {
        let outputs = outputs ?? prior.reportedOutputs.filter(\.spec.inTable)
        let units = outputs.map { $0.spec.unit == $0.spec.name ? "" : $0.spec.unit }
        let unitRow = units.contains { !$0.isEmpty } ? [""] : []
        let labels = [""] + unitRow + result.percentiles.map(\.key) + ["mean"]
        var columns: [[String]] = [labels]
        for (output, unit) in zip(outputs, units) {
            let summary = result[output]
            var cells = (summary.percentiles + [summary.mean]).map(notation.format)
            if ci {
                // Estimates, lower and upper bounds each line up within the column.
                let lows = summary.intervals.map { bound($0.lower) }
                let highs = summary.intervals.map { bound($0.upper) }
                let width = cells.map(\.count).max()!
                let lowWidth = lows.map(\.count).max()!
                let highWidth = highs.map(\.count).max()!
                cells = cells.indices.map { k in
                    let estimate = cells[k].leftPadding(toLength: width)
                    guard k < lows.count else {
                        return estimate + " ± "
                            + bound(summary.meanStandardError).padding(toLength: lowWidth + highWidth + 1)
                    }
                    return estimate + "  [" + lows[k].leftPadding(toLength: lowWidth) + ", "
                        + highs[k].leftPadding(toLength: highWidth) + "]"
                }
            }
            columns.append([output.spec.name] + (unitRow.isEmpty ? [] : [unit]) + cells)
        }
        let widths = columns.map { $0.map(\.count).max()! }
        var lines = [prior.heading, provenance, ""]
        for row in labels.indices {
            var line = columns[0][row].padding(toLength: widths[0])
            for (column, width) in zip(columns.dropFirst(), widths.dropFirst()) {
                line += "  " + column[row].leftPadding(toLength: width)
            }
            lines.append(line.trimmingTrailingSpaces)
        }
        lines += exceedanceLines()
        lines += intervalFooter(outputs: outputs, ci: ci)
        let sensitivity = result.sensitivity.map { ["", $0.table().trimmingCharacters(in: .newlines)] } ?? []
        return (lines + sensitivity + [""] + prior.resolvedInputLines()).joined(separator: "\n") + "\n"
    }

    /// The lines under the numbers: the worst interval among `outputs`, and how a precision
    /// target went.
    private func intervalFooter(outputs: [Output], ci: Bool) -> [String] {
        var lines = [""]
        if let accuracy = result.sketchAccuracy {
            lines.append(
                "percentiles from a quantile sketch: each within ±\(Self.percentage(accuracy)) of the exact order statistic, which the intervals take in"
            )
        }
        if result.trials == 1 {
            lines.append("Monte Carlo error: one trial has none to report; give --trials for a sample")
        } else if let worst = worstInterval(outputs: outputs) {
            let location = "\(worst.output.spec.name) \(worst.percentile.key)"
            let more = ci ? "" : "; --ci shows each"
            lines.append(
                worst.halfWidth.isFinite
                    ? "Monte Carlo error: every percentile within ±\(Self.percentage(worst.halfWidth)) (95%, \(intervalMethodSummary); widest: \(location))\(more)"
                    : "Monte Carlo error: unbounded at \(location), too few trials to bound it (95%, \(intervalMethodSummary))\(more)"
            )
        }
        if let precision = result.precision {
            let target = Self.percentage(precision.target.relativeHalfWidth)
            let runs = precision.runs.map { NumberFormat.grouped($0) }.joined(separator: ", ")
            lines.append(
                precision.met
                    ? "precision: every percentile of \(precision.target.outputs.map(\.spec.name).joined(separator: " and ")) within ±\(target) (worst ±\(Self.percentage(precision.achieved))); runs of \(runs) trials"
                    : "precision NOT reached: stopped at --max-trials \(NumberFormat.grouped(precision.target.maxTrials)) with worst ±\(Self.percentage(precision.achieved)) (\(precision.worstOutput.spec.name) \(precision.worstPercentile.key)), above the ±\(target) asked for; runs of \(runs) trials"
            )
        }
        return lines
    }

    /// A bound as the table writes it: three significant digits, or `none` for a side the run
    /// cannot bound.
    func bound(_ x: Double?) -> String { x.map(notation.format) ?? "none" }

    /// A fraction as a percentage with two significant digits: `0.42%`.
    static func percentage(_ x: Double) -> String { NumberFormat.percentage(x) }
}

extension String {
    func padding(toLength length: Int) -> String { self + String(repeating: " ", count: max(0, length - count)) }
    var trimmingTrailingSpaces: String { String(reversed().drop { $0 == " " }.reversed()) }
    func leftPadding(toLength length: Int) -> String { String(repeating: " ", count: max(0, length - count)) + self }
}
