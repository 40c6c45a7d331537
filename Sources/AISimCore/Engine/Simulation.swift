/// Runs the Monte Carlo simulation of a prior and summarises every output exactly.
///
/// Trials are split into fixed chunks (``ChunkPlan``); each chunk draws from its own GSL
/// generator seeded from (seed, chunk index) by ``ChunkSeeder`` and is evaluated in blocks of
/// ``Block/size`` trials, column by column. Threads take chunks from a shared counter, and every
/// result is either written to a place the chunk owns or combined in an order-independent way,
/// so one seed gives identical output on any number of threads.
///
/// Percentiles are exact order statistics. Runs of up to ``SummaryTuning/keepAllLimit`` trials
/// hold every value and select. Longer runs hold the first chunks in full as a pilot, then
/// stream the rest through a ``KeptWindows`` that keeps only the values near each wanted
/// percentile, so memory grows far slower than the trial count (about 60 MB for 1e7 trials).
public enum Simulation {
    /// Simulates `prior` and summarises every output.
    ///
    /// - Throws: ``PriorError`` when samples fall outside an input's domain or an output leaves
    ///   the range of `Double`; the message says which input, how many samples, and why.
    public static func run(_ prior: Prior, options: SimulationOptions) throws(PriorError) -> SimulationResult {
        let run = SimulationRun(prior: prior, options: options)
        return try run.execute()
    }

    /// Sketches chunks `chunks` of a run (``ChunkPlan``) with `options.summary`'s accuracy:
    /// what a shard of a sketch-mode run computes. Sketches of ranges that tile the run merge
    /// (``SketchSummary/merge(_:)``) into exactly the single run's.
    ///
    /// - Precondition: `options.summary` is a sketch, `options.method` is random, and
    ///   `chunks` lies within the run's chunks.
    public static func sketch(_ prior: Prior, options: SimulationOptions, chunks: Range<Int>) throws(PriorError)
        -> SketchSummary
    {
        let run = SimulationRun(prior: prior, options: options, chunks: chunks)
        options.progress?.start(total: ChunkPlan(trials: options.trials).trials(in: chunks).count)
        let workers = run.workers()
        run.beginSamples(workers)
        return try run.sketch(workers)
    }
}
