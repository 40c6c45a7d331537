/// The estimated probability that a ``Threshold`` holds: the share of trials past it, with
/// its 95% interval (``Proportion``).
public struct Exceedance: Sendable, Equatable {
    public let threshold: Threshold
    public let estimate: Proportion

    /// From `count` of `trials` independent trials.
    public init(_ threshold: Threshold, count: Int, trials: Int) {
        self.threshold = threshold
        estimate = Proportion(count: count, trials: trials)
    }

    /// From the replicates of a design: `counts[r]` of `sizes[r]` trials.
    public init(_ threshold: Threshold, replicateCounts counts: [Int], sizes: [Int]) {
        self.threshold = threshold
        estimate = Proportion(replicateCounts: counts, sizes: sizes)
    }

    /// Trials in which the threshold holds, of ``trials``.
    public var count: Int { estimate.count }
    public var trials: Int { estimate.trials }
    public var probability: Double { estimate.probability }
    public var interval: ConfidenceInterval { estimate.interval }
}
