/// What a run simulates: how many trials, from which seed, on how many threads, and which
/// percentiles it reports.
public struct SimulationOptions: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var threads: Int
    public var percentiles: [Percentile]
    public var tuning: SummaryTuning
    /// Whether to gather ``Sensitivity`` in the same pass. The percentiles and means are the
    /// same either way.
    public var sensitivity: Bool
    /// How the trials spread over the inputs' laws; Latin hypercube and Sobol runs split their
    /// trials into independent replicates (``SamplingMethod/replicates(for:)``).
    public var method: SamplingMethod
    /// How the percentiles are found: exact order statistics, or a quantile sketch.
    public var summary: SummaryMode

    public init(trials: Int, seed: UInt64 = 1, threads: Int = 1,
                percentiles: [Percentile] = Percentile.defaults, tuning: SummaryTuning = SummaryTuning(),
                sensitivity: Bool = false, method: SamplingMethod = .random, summary: SummaryMode = .exact) {
        precondition(trials > 0 && threads > 0)
        self.trials = trials
        self.seed = seed
        self.threads = threads
        self.percentiles = percentiles
        self.tuning = tuning
        self.sensitivity = sensitivity
        self.method = method
        self.summary = summary
    }
}

/// How a run finds its percentiles.
public enum SummaryMode: Sendable, Equatable {
    /// Exact order statistics of the sample (memory grows slowly with the trials).
    case exact
    /// A ``QuantileSketch`` with this relative accuracy (memory independent of the trials).
    case sketch(accuracy: Double)

    /// The sketch accuracy aisim uses unless told otherwise: 0.1%.
    public static let defaultAccuracy = 0.001
}
