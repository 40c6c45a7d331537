/// The summary of a run: for every output its mean and the requested percentiles, with their
/// confidence intervals.
public struct SimulationResult: Sendable {
    public let trials: Int
    public let seed: UInt64
    public let method: SamplingMethod
    /// The independent replicates of a Latin hypercube or Sobol run (nil for random sampling).
    public let replicates: Int?
    /// The relative accuracy the percentiles' quantile sketch guarantees (nil for exact
    /// percentiles).
    public let sketchAccuracy: Double?
    public let percentiles: [Percentile]
    /// One summary per ``Output``, in order.
    public let outputs: [OutputSummary]
    public let diagnostics: SimulationDiagnostics
    /// Which inputs drive the spread, when the options asked for it.
    public let sensitivity: Sensitivity?
    /// How a run with a ``PrecisionTarget`` reached its trial count (nil otherwise).
    public internal(set) var precision: PrecisionOutcome?
    /// The whole distribution of the outputs the options asked histograms of (every output in
    /// sketch mode), as quantile sketches: what plots draw.
    public internal(set) var distributions: [Output: QuantileSketch] = [:]

    /// The estimated probability of each of the run's thresholds, in their order.
    public internal(set) var exceedances: [Exceedance] = []

    /// The summary of `output`.
    public subscript(output: Output) -> OutputSummary { outputs[output.rawValue] }
}

/// The mean and percentiles of one output, with the mean's standard error and each
/// percentile's 95% confidence interval.
public struct OutputSummary: Sendable, Equatable {
    public let output: Output
    public let mean: Double
    /// The Monte Carlo standard error of the mean (nil when the run cannot estimate it: one
    /// trial or one replicate).
    public let meanStandardError: Double?
    /// Values in the order of ``SimulationResult/percentiles``.
    public let percentiles: [Double]
    /// One interval per percentile, in the same order.
    public let intervals: [ConfidenceInterval]
}

/// How the run went about it: for `--timing`, tests and benchmarks.
public struct SimulationDiagnostics: Sendable {
    public init() {}

    /// Trials whose outputs were held in full (all of them in small runs).
    public var pilotTrials = 0
    /// Values held by the streaming summary, all outputs together.
    public var keptValues = 0
    /// Extra passes for ranks that fell outside the kept windows (normally 0).
    public var fallbackPasses = 0
    /// Threads that did the work.
    public var threads = 0
    /// Wall-clock seconds from the first sample to the last tally (sampling, evaluating, and
    /// streaming values through the keep plans).
    public var simulateSeconds = 0.0
    /// Wall-clock seconds spent choosing the kept windows from the pilot, inside `simulateSeconds`.
    public var planSeconds = 0.0
    /// CPU seconds, all threads together, spent tallying values for the percentiles, inside
    /// `simulateSeconds`.
    public var tallySeconds = 0.0
    /// CPU seconds, all threads together, spent summing values for the means and their
    /// standard errors (and checking them for overflow), inside `simulateSeconds`.
    public var momentSeconds = 0.0
    /// Wall-clock seconds spent selecting the order statistics after the last chunk.
    public var summarizeSeconds = 0.0
}
