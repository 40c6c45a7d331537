import Foundation

/// How the exact percentile summary trades memory for passes. The defaults suit every run;
/// tests change them to force the streaming and fallback paths on small runs.
public struct SummaryTuning: Sendable, Equatable {
    /// Runs of at most this many trials keep every value (8 bytes × outputs × trials).
    public var keepAllLimit = 1 << 20
    /// The smallest pilot, in trials, for runs above `keepAllLimit`.
    public var minimumPilot = 1 << 18
    /// Half-width of each kept window, in standard errors of the pilot's quantile estimate.
    public var windowSigmas = 6.0
    /// Histogram buckets per output (see ``BucketMap``).
    public var maxBuckets = 1 << 14

    public init() {}

    /// The pilot size for a run of `trials` trials: (18 n)^(2/3), which roughly balances the
    /// pilot's memory against the kept windows' (their width shrinks as 1/√n₀), and at least
    /// `minimumPilot`. Returns `trials` when the run keeps every value.
    func pilotTrials(for trials: Int) -> Int {
        guard trials > keepAllLimit else { return trials }
        let balanced = Int(2 * pow(18 * Double(trials), 2.0 / 3.0))
        return min(trials, max(minimumPilot, balanced))
    }
}
