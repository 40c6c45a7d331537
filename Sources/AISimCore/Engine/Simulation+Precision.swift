extension Simulation {
    /// Simulates `prior` with as many trials as `precision` needs.
    ///
    /// The first run has `options.trials` trials. After each run the worst relative half-width
    /// of the watched percentiles predicts the trials that reach the target (half-widths
    /// shrink as 1/√n), and the next run starts afresh with that many
    /// (``PrecisionTarget/nextTrials(after:halfWidth:)``), until the target is met or a run has
    /// `precision.maxTrials` trials. Every run uses the same seed, so the result is exactly
    /// what `--trials` with the final count gives, and the whole search is deterministic.
    public static func run(_ prior: Prior, options: SimulationOptions, precision: PrecisionTarget) throws(PriorError)
        -> SimulationResult
    {
        var options = options
        options.trials = min(options.trials, precision.maxTrials)
        var runs: [Int] = []
        while true {
            var result = try run(prior, options: options)
            runs.append(options.trials)
            let worst = precision.worst(in: result)
            if worst.halfWidth <= precision.relativeHalfWidth || options.trials >= precision.maxTrials {
                result.precision = PrecisionOutcome(
                    target: precision, achieved: worst.halfWidth, worstOutput: worst.output,
                    worstPercentile: worst.percentile, runs: runs)
                return result
            }
            options.trials = precision.nextTrials(after: options.trials, halfWidth: worst.halfWidth)
        }
    }
}
