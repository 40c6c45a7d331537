extension Prior {
    /// Every input as resolved, with its unit and where it was set, under the prior's SHA-256:
    /// enough to tell which prior, and which `--set`, produced a table. A `varied` input (in a
    /// sweep) shows as such.
    func resolvedInputLines(varied: Input? = nil) -> [String] {
        let rows = entries.map { entry -> [String] in
            if entry.input == varied { return [entry.input.spec.name, "(each row's value)", entry.input.spec.unit, "--vary"] }
            let origin = switch entry.origin {
            case .post: "the post's value"
            case .file: entry.line.map { "line \($0)" } ?? "the prior"
            case .commandLine: "--set"
            }
            return [entry.input.spec.name, entry.text, entry.input.spec.unit, origin]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max()! }
        return ["inputs (prior sha256 \(sha256))"] + rows.map { row in
            "  " + zip(row, widths).map { $0.padding(toLength: $1) }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }
}
