/// The summary of a run: for every output its mean and the requested percentiles.
public struct SimulationResult: Sendable {
    public let trials: Int
    public let seed: UInt64
    public let percentiles: [Percentile]
    /// One summary per ``Output``, in order.
    public let outputs: [OutputSummary]
    public let diagnostics: SimulationDiagnostics
    /// Which inputs drive the spread, when the options asked for it.
    public let sensitivity: Sensitivity?

    /// The summary of `output`.
    public subscript(output: Output) -> OutputSummary { outputs[output.rawValue] }
}

/// The mean and percentiles of one output.
public struct OutputSummary: Sendable, Equatable {
    public let output: Output
    public let mean: Double
    /// Values in the order of ``SimulationResult/percentiles``.
    public let percentiles: [Double]
}

/// How the run went about it: for `--timing`, tests and benchmarks.
public struct SimulationDiagnostics: Sendable {
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
    /// Wall-clock seconds spent selecting the order statistics after the last chunk.
    public var summarizeSeconds = 0.0
}
