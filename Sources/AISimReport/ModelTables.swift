import AISimCore

/// The model's inputs and equations as tables, from ``Model/steps`` and the inputs' specs:
/// what `aisim inputs` prints and the README's copy (a test compares them).
public enum ModelTables {
    /// The inputs: name, meaning, unit and the post's value; the optional inputs (listed only
    /// when a prior sets them) after the post's own.
    public static func inputsMarkdown() -> String {
        var lines = ["| name | meaning | unit | the post's value |", "|---|---|---|---|"]
        for input in Input.allCases.sorted(by: { !$0.spec.optional && $1.spec.optional }) {
            let spec = input.spec
            let value = NumberFormat.compact(spec.postValue) + (spec.optional ? " (optional)" : "")
            lines.append("| `\(spec.name)` | \(spec.meaning) | \(spec.unit) | \(value) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The equations, one row per step that has a symbol (terms are written out where they
    /// are used), in the order they run.
    public static func equationsMarkdown() -> String {
        var lines = ["| step | equation | unit |", "|---|---|---|"]
        for step in Model.steps where !step.symbol.isEmpty {
            let formula = step.formulaText(name: { Model.symbol(of: $0) }, meanings: true)
            let when = whenText(step.condition, markdown: true)
            lines.append("| \(step.name)\(when) | \(step.symbol) = \(formula) | \(step.unit) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// When a step runs, in words: ` (when year and deploy_share are set)`; empty for the
    /// steps of a prior that sets neither (a false requirement is the default's case).
    static func whenText(_ condition: Condition, markdown: Bool) -> String {
        let code = { (text: String) in markdown ? "`\(text)`" : text }
        var parts: [String] = []
        if condition.derivedSerialSpeed == true {
            parts.append(markdown ? "`serial_tokens_per_s = \"derived\"`" : "derived")
        }
        if condition.growth == true { parts.append(code("year")) }
        if condition.deployment == true { parts.append(code("deploy_share")) }
        guard !parts.isEmpty else { return "" }
        if !markdown { return " (" + parts.joined(separator: ", ") + ")" }
        let sets =
            condition.derivedSerialSpeed == true && parts.count == 1 ? "" : parts.count > 1 ? " are set" : " is set"
        return " (when " + parts.joined(separator: " and ") + sets + ")"
    }

    /// Both tables, each under a heading, as `aisim inputs --format markdown` prints them.
    public static func markdown() -> String {
        "#### Inputs\n\n" + inputsMarkdown() + "\n#### Equations\n\n" + equationsMarkdown()
    }
}

extension ModelTables {
    /// Both tables in columns, for a terminal.
    public static func text() -> String {
        let inputs = Input.allCases.sorted(by: { !$0.spec.optional && $1.spec.optional }).map { input -> [String] in
            let spec = input.spec
            return [
                spec.name, spec.unit, NumberFormat.compact(spec.postValue) + (spec.optional ? " (optional)" : ""),
                spec.meaning,
            ]
        }
        let steps = Model.steps.filter { !$0.symbol.isEmpty }.map { step -> [String] in
            let when = whenText(step.condition, markdown: false)
            return [
                step.name + when,
                "\(step.symbol) = " + step.formulaText(name: { Model.symbol(of: $0) }, meanings: true), step.unit,
            ]
        }
        return (["inputs"] + columns(inputs) + ["", "equations"] + columns(steps)).joined(separator: "\n") + "\n"
    }

    /// `rows` padded into columns, indented by two spaces.
    private static func columns(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  " + zip(row, widths).map { $0.padding(toLength: $1) }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }
}
