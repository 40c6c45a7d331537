import AISimCore

extension Prior {
    /// Every input as resolved, with its unit and where it was set, under the prior's SHA-256:
    /// enough to tell which prior, and which `--set`, produced a table. A `varied` input (in a
    /// sweep) shows as such, set by `flag`; `including` lists inputs the prior leaves out but
    /// the rows read (a timeline's growth).
    func resolvedInputLines(varied: [Input] = [], by flag: String = "--vary", including: [Input] = []) -> [String] {
        let extra = Input.allCases.filter { input in
            !lists(input) && (varied.contains(input) || including.contains(input))
        }
        let rows = (listedEntries + extra.map { self[$0] }).map { entry -> [String] in
            if varied.contains(entry.input) {
                return [entry.input.spec.name, "(each row's value)", entry.input.spec.unit, flag]
            }
            return [entry.input.spec.name, entry.text, entry.input.spec.unit, entry.whereSet]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max()! }
        var lines =
            ["inputs (prior sha256 \(sha256))"]
            + rows.map { row in
                "  " + zip(row, widths).map { $0.padding(toLength: $1) }.joined(separator: "  ").trimmingTrailingSpaces
            }
        if !correlations.isEmpty {
            lines.append("correlations (Spearman, through a Gaussian copula)")
            let keyWidth = correlations.map(\.key.count).max()!
            lines += correlations.map { c in
                "  " + c.key.padding(toLength: keyWidth) + "  " + "\(c.spearman)"
                    + (c.line.map { "  line \($0)" } ?? "")
            }
        }
        return lines
    }

    /// The correlations as JSON: `[{"inputs": [a, b], "spearman": rho}]`.
    var correlationsJSON: JSONValue {
        .array(
            correlations.map {
                .object([
                    ("inputs", .array([.string($0.first.spec.name), .string($0.second.spec.name)])),
                    ("spearman", .number($0.spearman)),
                ])
            })
    }
}
