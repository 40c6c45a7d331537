import AISimCore

extension RunReport {
    /// JSON for programs, in the shape the README documents:
    /// `{"trials", "seed", "prior": {"title", "path", "inputs"}, "outputs": {NAME: {"unit", "mean",
    /// "percentiles": {"p5": …}}}}`, plus the aisim version, the sampling method and the
    /// percentile definition. Keys keep the order of the model and of `--percentiles`.
    public func json() -> String { jsonValue.serialized() + "\n" }

    /// The JSON document as a value, for callers that add to it.
    public var jsonValue: JSONValue {
        let inputs: [(String, JSONValue)] = prior.listedEntries.map { entry in
            (
                entry.input.spec.name,
                .object([
                    ("value", entry.written.map(JSONValue.string) ?? .number(entry.input.spec.postValue)),
                    ("from", .string(entry.origin.word)),
                    ("distribution", .string(entry.distribution.description)),
                    ("family", .string(entry.distribution.family)),
                    ("unit", .string(entry.input.spec.unit)),
                ])
            )
        }
        let outputs: [(String, JSONValue)] = result.outputs.filter { prior.reports($0.output) }.map { summary in
            (
                summary.output.spec.name,
                .object([
                    ("unit", .string(summary.output.spec.unit)),
                    ("mean", .number(summary.mean)),
                    ("mean_standard_error", summary.meanStandardError.map(JSONValue.number) ?? .null),
                    (
                        "percentiles",
                        .object(zip(result.percentiles, summary.percentiles).map { ($0.key, .number($1)) })
                    ),
                    (
                        "ci95",
                        .object(
                            zip(result.percentiles, summary.intervals).map { percentile, interval in
                                (
                                    percentile.key,
                                    .array([
                                        interval.lower.map(JSONValue.number) ?? .null,
                                        interval.upper.map(JSONValue.number) ?? .null,
                                    ])
                                )
                            })
                    ),
                ])
            )
        }
        var extras: [(String, JSONValue)] = []
        if !result.exceedances.isEmpty { extras.append(("exceedances", .array(result.exceedances.map(\.jsonValue)))) }
        if let precision = result.precision { extras.append(("precision", precision.jsonValue)) }
        if let sensitivity = result.sensitivity { extras.append(("sensitivity", sensitivity.jsonValue)) }
        let members: [(String, JSONValue)] = [
            ("aisim_version", .string(AISimVersion.current)),
            ("trials", .integer(result.trials)),
            ("seed", .unsigned(result.seed)),
            ("method", .string(result.method.rawValue)),
            ("replicates", result.replicates.map(JSONValue.integer) ?? .null),
            ("percentile_definition", .string(percentileDefinition)),
            ("summary", .string(result.sketchAccuracy == nil ? "exact" : "sketch")),
            ("sketch_accuracy", result.sketchAccuracy.map(JSONValue.number) ?? .null),
            ("interval_method", .string(intervalMethod)),
            (
                "prior",
                .object([
                    ("title", .string(prior.title)),
                    ("path", .string(prior.source)),
                    ("sha256", .string(prior.sha256)),
                    ("inputs", .object(inputs)),
                    ("correlations", prior.correlationsJSON),
                ])
            ),
            ("outputs", .object(outputs)),
        ]
        return .object(members + extras)
    }
}

extension PrecisionOutcome {
    /// `{"target", "achieved", "met", "max_trials", "outputs", "worst", "runs"}`; half-widths
    /// as fractions (0.005 for 0.5%).
    var jsonValue: JSONValue {
        .object([
            ("target", .number(target.relativeHalfWidth)),
            ("achieved", achieved.isFinite ? .number(achieved) : .null),
            ("met", .bool(met)),
            ("max_trials", .integer(target.maxTrials)),
            ("outputs", .array(target.outputs.map { .string($0.spec.name) })),
            ("worst", .string("\(worstOutput.spec.name) \(worstPercentile.key)")),
            ("runs", .array(runs.map(JSONValue.integer))),
        ])
    }
}
