extension RunReport {
    /// JSON for programs, in the shape the README documents:
    /// `{"trials", "seed", "prior": {"title", "path", "inputs"}, "outputs": {NAME: {"unit", "mean",
    /// "percentiles": {"p5": …}}}}`, plus the aisim version, the sampling method and the
    /// percentile definition. Keys keep the order of the model and of `--percentiles`.
    public func json() -> String { jsonValue.serialized() + "\n" }

    /// The JSON document as a value, for callers that add to it.
    public var jsonValue: JSONValue {
        let inputs: [(String, JSONValue)] = prior.entries.map { entry in
            (entry.input.spec.name, .object([
                ("value", entry.written.map(JSONValue.string) ?? .number(entry.input.spec.postValue)),
                ("from", .string(entry.origin.rawValue)),
                ("distribution", .string(entry.distribution.description)),
                ("family", .string(entry.distribution.family)),
                ("unit", .string(entry.input.spec.unit)),
            ]))
        }
        let outputs: [(String, JSONValue)] = result.outputs.map { summary in
            (summary.output.spec.name, .object([
                ("unit", .string(summary.output.spec.unit)),
                ("mean", .number(summary.mean)),
                ("percentiles", .object(zip(result.percentiles, summary.percentiles).map { ($0.key, .number($1)) })),
            ]))
        }
        return .object([
            ("aisim_version", .string(AISimVersion.current)),
            ("trials", .integer(result.trials)),
            ("seed", .unsigned(result.seed)),
            ("method", .string("random")),
            ("percentile_definition", .string(Self.percentileDefinition)),
            ("prior", .object([
                ("title", .string(prior.title)),
                ("path", .string(prior.source)),
                ("sha256", .string(prior.sha256)),
                ("inputs", .object(inputs)),
                ("correlations", prior.correlationsJSON),
            ])),
            ("outputs", .object(outputs)),
        ] + (result.sensitivity.map { [("sensitivity", $0.jsonValue)] } ?? []))
    }
}
