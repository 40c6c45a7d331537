import Foundation

extension RunReport {
    /// A table for people: the prior's title and provenance, then one row per percentile and
    /// one for the mean, one column per output with its unit under its name.
    ///
    /// - Parameter outputs: the columns, in order; by default those whose spec says `inTable`.
    public func table(outputs: [Output] = Output.allCases.filter(\.spec.inTable)) -> String {
        let labels = ["", ""] + result.percentiles.map(\.key) + ["mean"]
        var columns: [[String]] = [labels]
        for output in outputs {
            let summary = result[output]
            columns.append([output.spec.name, output.spec.unit]
                + summary.percentiles.map(NumberFormat.short) + [NumberFormat.short(summary.mean)])
        }
        let widths = columns.map { $0.map(\.count).max()! }
        var lines = [prior.title, provenance, ""]
        for row in labels.indices {
            var line = columns[0][row].padding(toLength: widths[0])
            for (column, width) in zip(columns.dropFirst(), widths.dropFirst()) {
                line += "  " + column[row].leftPadding(toLength: width)
            }
            lines.append(line)
        }
        let sensitivity = result.sensitivity.map { ["", $0.table().trimmingCharacters(in: .newlines)] } ?? []
        return (lines + sensitivity + [""] + prior.resolvedInputLines()).joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(toLength length: Int) -> String { self + String(repeating: " ", count: max(0, length - count)) }
    var trimmingTrailingSpaces: String { String(reversed().drop { $0 == " " }.reversed()) }
    func leftPadding(toLength length: Int) -> String { String(repeating: " ", count: max(0, length - count)) + self }
}
