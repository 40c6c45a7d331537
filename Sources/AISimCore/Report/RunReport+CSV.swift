extension RunReport {
    /// CSV for programs: a header, then one row per output with its unit, mean and percentiles,
    /// every number written so that it reads back exactly.
    public func csv(outputs: [Output] = Output.allCases) -> String {
        var lines = [(["output", "unit", "mean"] + result.percentiles.map(\.key)).joined(separator: ",")]
        for output in outputs {
            let summary = result[output]
            let fields = [output.spec.name, output.spec.unit, NumberFormat.exact(summary.mean)]
                + summary.percentiles.map(NumberFormat.exact)
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
