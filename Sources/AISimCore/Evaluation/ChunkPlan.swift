/// How a run's trials split into chunks: fixed-size, contiguous slices of the trial range,
/// each simulated with its own generator. The split depends on the trial count only, never on
/// the thread count, and chunk `c` covers the same trials in every run with the same seed.
public struct ChunkPlan: Sendable, Equatable {
    /// Trials per chunk (the last chunk may be shorter).
    public static let chunkSize = 1 << 16

    public let trials: Int
    public var count: Int { (trials + Self.chunkSize - 1) / Self.chunkSize }

    public init(trials: Int) {
        precondition(trials > 0)
        self.trials = trials
    }

    /// The trials chunk `c` covers.
    public func range(of chunk: Int) -> Range<Int> {
        let start = chunk * Self.chunkSize
        return start..<min(start + Self.chunkSize, trials)
    }

    /// How many leading chunks cover at least `trials` trials.
    func chunks(covering trials: Int) -> Int {
        min(count, (trials + Self.chunkSize - 1) / Self.chunkSize)
    }
}
