import AISimCore

/// The commented prior `aisim init` writes: every input with its unit, meaning and the
/// post's value, set to the default prior's distribution (or the post's value where that
/// prior fixes it), and the optional inputs commented out at their defaults. `aisim check`
/// accepts it as written.
public enum PriorTemplate {
    /// The template's text.
    public static func text() throws(PriorError) -> String {
        let base = try EmbeddedPrior.load()
        var lines = [
            "# An aisim prior: each input takes a number or, in quotes, a distribution.",
            "# 'aisim check FILE' shows what each distribution means (its p5, p50, p95 and mean);",
            "# 'aisim explain --prior FILE' walks through the model at the medians; 'aisim --prior FILE' runs it.",
            "#",
            "# Distributions:",
            "#   \"a to b\": lognormal with its 5th and 95th percentiles at a and b",
        ]
        lines += Family.all.map { "#   \($0.signature): \($0.summary)" }
        lines += [
            "",
            "title = \"My prior\"",
            "description = \"What this prior assumes, in a sentence or two.\"",
            "",
            "[inputs]",
        ]
        for input in Input.allCases where !input.spec.optional || base[input].origin != .post {
            lines += entry(input, value: base[input].written ?? NumberFormat.compact(input.spec.postValue))
        }
        lines += [
            "",
            "# Optional inputs: uncomment one to use it (the model then reports what it adds). The serial_*",
            "# ones derive the serial speed from the model's size: they need serial_tokens_per_s = \"derived\".",
        ]
        for input in Input.allCases where input.spec.optional && base[input].origin == .post {
            lines += entry(input, value: NumberFormat.compact(input.spec.postValue), commented: true)
        }
        lines += [
            "",
            "# Correlations between uncertain inputs (Spearman's rank correlation, -1 to 1), for example:",
            "# [correlations]",
            "# \"world_flops, ai_share\" = 0.3",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One input's comment (meaning, unit, the post's value or the default) and its line,
    /// itself a comment when `commented`.
    private static func entry(_ input: Input, value: String, commented: Bool = false) -> [String] {
        let spec = input.spec
        let quoted = Double(value) == nil && !value.hasPrefix("\"") ? "\"\(value)\"" : value
        let origin = spec.optional ? "default" : "the post"
        return [
            "",
            "# \(spec.meaning) (\(spec.unit)); \(origin): \(NumberFormat.compact(spec.postValue))",
            (commented ? "# " : "") + "\(spec.name) = \(quoted)",
        ]
    }
}
