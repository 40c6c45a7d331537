extension PriorError {
    /// The run was cancelled (``ProgressCounter/cancel()``) before it finished.
    public static func cancelled(source: String) -> PriorError {
        PriorError(file: source, message: "the run was cancelled before it finished")
    }

    /// Samples of `entry`'s input that the equations cannot use: how many, the share, and the
    /// distribution's own mass outside the domain, which should roughly agree.
    static func samplesOutsideDomain(_ entry: PriorEntry, invalid: Int, trials: Int, source: String) -> PriorError {
        let spec = entry.input.spec
        let share = NumberFormat.percentage(Double(invalid) / Double(trials))
        let mass = NumberFormat.percentage(entry.distribution.mass(outside: spec.domain))
        return PriorError(
            at: entry, in: source,
            message:
                "\(invalid) of \(trials) samples (\(share)) fall outside the input's domain (it must be \(spec.domain.requirement)); \"\(entry.written ?? "")\" puts \(mass) of its mass there. aisim never drops or clamps samples: narrow the distribution or pick a family that stays in the domain, such as \"a to b\" (a lognormal) for a positive quantity"
        )
    }

    /// Outputs that left the range of `Double`, with how many of `trials` trials each.
    public static func outputsOutOfRange(_ counts: [(Output, Int)], trials: Int, source: String) -> PriorError {
        let list = counts.map { output, count in
            "\(output.spec.name) in \(count) of \(trials) trials (\(NumberFormat.percentage(Double(count) / Double(trials))))"
        }
        return PriorError(
            file: source,
            message:
                "outputs leave the range of double precision (overflow to infinity or underflow to zero): \(list.joined(separator: ", ")); the prior's ranges are too wide"
        )
    }
}
