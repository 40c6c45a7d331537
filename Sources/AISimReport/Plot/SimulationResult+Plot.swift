import AISimCore

extension SimulationResult {
    /// The percentiles plots mark: 5, 50 and 95.
    public static let markedPercentiles = [5.0, 50, 95]

    /// Percentile `p` (0-100) of `output`: the run's own estimate when it reported that
    /// percentile, otherwise read off the output's distribution sketch.
    /// - Precondition: the run reported `p`, or kept `output`'s distribution.
    public func percentile(_ p: Double, of output: Output) -> Double {
        if let i = percentiles.firstIndex(where: { $0.value == p }) { return self[output].percentiles[i] }
        let sketch = distributions[output]!
        let rank = Int((Double(sketch.count - 1) * p / 100).rounded())
        return sketch.orderStatistics(ranks: [rank])[rank]!.value
    }
}
