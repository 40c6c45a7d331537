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
    /// Outputs whose whole distribution the result keeps, as a sketch (for plots): the run's
    /// own sketch in sketch mode, otherwise one of ``histogramAccuracy``.
    public var distributionsKept: [Output] = []
    /// Counts the trials done as the run goes, for a progress display.
    public var progress: ProgressCounter?
    /// The outputs whose percentiles exact mode finds; the others get their means only, and
    /// percentiles and intervals of NaN (so a prior pays nothing for outputs it does not
    /// report). Sketch mode and sketches always cover every output.
    public var outputs: [Output] = Output.allCases
    /// Thresholds whose probability the run estimates, counting the trials past each exactly.
    public var thresholds: [Threshold] = []
    /// Where the run writes every trial's inputs and outputs, as it simulates them.
    public var samples: SampleWriter?

    /// The accuracy of the sketches exact-mode runs keep for ``histograms``: ±0.8%, 64 buckets
    /// per octave, far finer than any plot's bins.
    public static let histogramAccuracy = 0.01

    public init(
        trials: Int, seed: UInt64 = 1, threads: Int = 1,
        percentiles: [Percentile] = Percentile.defaults, tuning: SummaryTuning = SummaryTuning(),
        sensitivity: Bool = false, method: SamplingMethod = .random, summary: SummaryMode = .exact
    ) {
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
