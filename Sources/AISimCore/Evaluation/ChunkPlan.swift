/// How a run's trials split into chunks: contiguous slices of the trial range, each simulated
/// with its own generator. The split depends on the trial count and the sampling method only,
/// never on the thread count.
///
/// Random sampling uses chunks of a fixed ``standardSize``, so chunk `c` covers the same
/// trials in every run with the same seed, and a shorter run is the start of a longer one.
/// Latin hypercube and Sobol sampling make each chunk one independent replicate of the design
/// (``replicates(for:)`` of them), so their chunks grow with the trial count.
public struct ChunkPlan: Sendable, Equatable {
    /// Trials per chunk for random sampling (the last chunk may be shorter).
    public static let standardSize = 1 << 16

    public let trials: Int
    /// Trials per chunk (the last may be shorter).
    public let chunkSize: Int
    public var count: Int { (trials + chunkSize - 1) / chunkSize }

    public init(trials: Int, chunkSize: Int = ChunkPlan.standardSize) {
        precondition(trials > 0 && chunkSize > 0)
        self.trials = trials
        self.chunkSize = chunkSize
    }

    /// The plan for `method`: standard chunks for random sampling, one chunk per replicate
    /// otherwise.
    public init(trials: Int, method: SamplingMethod) {
        switch method {
        case .random: self.init(trials: trials)
        case .lhs, .sobol:
            let replicates = SamplingMethod.replicates(for: trials)
            self.init(trials: trials, chunkSize: (trials + replicates - 1) / replicates)
        }
    }

    /// The trials chunk `c` covers.
    public func range(of chunk: Int) -> Range<Int> {
        let start = chunk * chunkSize
        return start..<min(start + chunkSize, trials)
    }

    /// How many leading chunks cover at least `trials` trials.
    func chunks(covering trials: Int) -> Int {
        min(count, (trials + chunkSize - 1) / chunkSize)
    }
}
