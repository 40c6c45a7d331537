/// A 95% Monte Carlo confidence interval for one reported percentile: a range that holds the
/// prior's true percentile (the one an infinite run would report) in 95% of runs.
///
/// A side is nil when the run has too few trials to bound it (for example the lower side of p1
/// in a run of 100 trials): the data say nothing there, and aisim does not pretend otherwise.
public struct ConfidenceInterval: Sendable, Equatable {
    public let lower: Double?
    public let upper: Double?

    /// The interval's coverage.
    public static let level = 0.95

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    /// Half the interval's width relative to the estimate, (upper − lower) / (2 |estimate|):
    /// the figure `--precision` bounds. Infinite when a side is unbounded; 0 for an estimate
    /// of 0 inside an interval of width 0.
    public func relativeHalfWidth(around estimate: Double) -> Double {
        guard let lower, let upper else { return .infinity }
        let half = (upper - lower) / 2
        return half == 0 ? 0 : half / abs(estimate)
    }
}
