/// Which summary a run uses: exact percentiles while they fit in the memory the system has,
/// a quantile sketch above that. The CLI asks, and words the note it prints.
public enum SummaryChoice {
    /// The memory exact percentiles of `trials` trials would need, and what is available, when
    /// the first exceeds the second; nil when they fit (or the system does not say).
    public static func exactShortfall(trials: Int, percentiles: [Percentile]) -> (needed: Double, available: Double)? {
        let needed = SummaryTuning().estimatedBytes(trials: trials, percentiles: percentiles)
        guard let available = SystemMemory.available(), needed > available else { return nil }
        return (needed, available)
    }

    /// The summary for a run of `trials` with `method`: exact unless random sampling's exact
    /// percentiles would not fit, in which case a sketch of `accuracy`, with the shortfall that
    /// decided it.
    public static func automatic(
        trials: Int, method: SamplingMethod, percentiles: [Percentile],
        accuracy: Double
    ) -> (mode: SummaryMode, shortfall: (needed: Double, available: Double)?) {
        guard method == .random, let shortfall = exactShortfall(trials: trials, percentiles: percentiles) else {
            return (.exact, nil)
        }
        return (.sketch(accuracy: accuracy), shortfall)
    }

    /// `limit`, or the largest count reached from it by halving (but not below `floor`) whose
    /// exact summary fits in available memory.
    public static func largestFitting(_ limit: Int, floor: Int, percentiles: [Percentile]) -> Int {
        var limit = limit
        guard let available = SystemMemory.available() else { return limit }
        while limit > floor && SummaryTuning().estimatedBytes(trials: limit, percentiles: percentiles) > available {
            limit /= 2
        }
        return limit
    }
}
