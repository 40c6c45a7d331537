/// How a run's trials split into chunks: contiguous slices of the trial range, each simulated
/// with its own generator. The split depends on the trial count and the sampling method only,
/// never on the thread count.
///
/// Random sampling uses chunks of a fixed ``standardSize``, so chunk `c` covers the same
/// trials in every run with the same seed, and a shorter run is the start of a longer one.
/// Latin hypercube and Sobol sampling make each chunk one independent replicate of the design
/// (``SamplingMethod/replicates(for:)`` of them, whose sizes differ by at most one), so their
/// chunks grow with the trial count.
public struct ChunkPlan: Sendable, Equatable {
    /// Trials per chunk for random sampling (the last chunk may be shorter).
    public static let standardSize = 1 << 16

    public let trials: Int
    public let count: Int
    /// Whether the chunks are `count` near-equal parts rather than ``standardSize`` slices.
    private let balanced: Bool

    /// Chunks of ``standardSize`` trials, the last one shorter.
    public init(trials: Int) {
        self.init(trials: trials, count: (trials + Self.standardSize - 1) / Self.standardSize, balanced: false)
    }

    private init(trials: Int, count: Int, balanced: Bool) {
        precondition(trials > 0 && count > 0)
        self.trials = trials
        self.count = count
        self.balanced = balanced
    }

    /// The plan for `method`: standard chunks for random sampling, one chunk per replicate
    /// otherwise.
    public init(trials: Int, method: SamplingMethod) {
        switch method {
        case .random: self.init(trials: trials)
        case .lhs, .sobol:
            self.init(trials: trials, count: SamplingMethod.replicates(for: trials), balanced: true)
        }
    }

    /// The trials chunk `c` covers.
    public func range(of chunk: Int) -> Range<Int> {
        guard balanced else {
            let start = chunk * Self.standardSize
            return start..<min(start + Self.standardSize, trials)
        }
        return boundary(chunk)..<boundary(chunk + 1)
    }

    /// Where balanced chunk `c` starts: ⌊c · trials / count⌋ (in 128-bit arithmetic).
    private func boundary(_ chunk: Int) -> Int {
        let product = chunk.multipliedFullWidth(by: trials)
        return count.dividingFullWidth(product).quotient
    }

    /// The trials that `chunks` cover, from the first chunk's start to the last one's end: the
    /// one place where a range of chunks becomes a range of trials.
    /// - Precondition: `chunks` is not empty and lies within the plan.
    public func trials(in chunks: Range<Int>) -> Range<Int> {
        precondition(!chunks.isEmpty && chunks.lowerBound >= 0 && chunks.upperBound <= count)
        return range(of: chunks.lowerBound).lowerBound..<range(of: chunks.upperBound - 1).upperBound
    }

    /// How many leading chunks cover at least `trials` trials.
    func chunks(covering trials: Int) -> Int {
        var chunks = 1
        while chunks < count && range(of: chunks - 1).upperBound < trials { chunks += 1 }
        return chunks
    }
}
