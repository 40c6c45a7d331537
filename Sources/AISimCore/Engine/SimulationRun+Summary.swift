extension SimulationRun {
    /// Every output's percentiles with their confidence intervals, and its mean with its
    /// standard error.
    ///
    /// `values` gives order statistics (for each output, rank → value) at the ranks asked for
    /// each output. `counts` gives, for each output and threshold, how many of each chunk's
    /// values are at most the threshold.
    ///
    /// Random sampling knows its interval ranks beforehand (``IntervalRanks/binomial(_:among:level:)``),
    /// so one request finds them with the estimates. A design first finds its estimates, counts
    /// each replicate's values at or below them, and then asks for the ranks those counts give
    /// (``IntervalRanks/replicated(_:among:shares:level:)``).
    func summarize(
        values: ([[Int]]) throws(PriorError) -> [[Int: Double]],
        counts: ([[Double]]) throws(PriorError) -> [[[Int]]]
    ) throws(PriorError) -> [OutputSummary] {
        let n = options.trials
        let percentiles = options.percentiles
        let pointRanks = Percentile.ranks(percentiles, among: n)
        /// `ranks` for the summarised outputs, none for the others.
        func wanted(_ ranks: (Output) -> [Int]) -> [[Int]] {
            Output.allCases.map { summarised.contains($0) ? ranks($0) : [] }
        }
        func estimated(_ found: [[Int: Double]]) -> [[Double]] {
            Output.allCases.map {
                summarised.contains($0)
                    ? PercentileEstimates.estimates(percentiles, among: n, orderStatistics: found[$0.rawValue]) : []
            }
        }

        var found: [[Int: Double]]
        let estimates: [[Double]]
        let bounds: [[(lower: Int?, upper: Int?)]]
        if replicated {
            found = try values(wanted { _ in pointRanks })
            estimates = estimated(found)
            let below = try counts(estimates)
            bounds = Output.allCases.map { output in
                percentiles.indices.map { k -> (lower: Int?, upper: Int?) in
                    guard summarised.contains(output) else { return (nil, nil) }
                    let shares = below[output.rawValue][k].enumerated().map { chunk, count in
                        Double(count) / Double(self.plan.range(of: chunk).count)
                    }
                    return IntervalRanks.replicated(percentiles[k].value / 100, among: n, shares: shares)
                }
            }
            let more = try values(wanted { PercentileEstimates.ranks(of: bounds[$0.rawValue]) })
            for output in found.indices { found[output].merge(more[output]) { kept, _ in kept } }
        } else {
            let binomial = PercentileEstimates.binomialBounds(percentiles, among: n)
            bounds = Output.allCases.map {
                summarised.contains($0) ? binomial : percentiles.map { _ in (lower: nil, upper: nil) }
            }
            found = try values(wanted { _ in pointRanks + PercentileEstimates.ranks(of: binomial) })
            estimates = estimated(found)
        }

        return Output.allCases.map { output in
            let o = output.rawValue
            guard summarised.contains(output) else {
                let (mean, standardError) = moments(of: output)
                return OutputSummary(
                    output: output, mean: mean, meanStandardError: standardError,
                    percentiles: percentiles.map { _ in .nan },
                    intervals: percentiles.map { _ in ConfidenceInterval(lower: nil, upper: nil) })
            }
            let value = { (rank: Int) in
                guard let value = found[o][rank] else {
                    preconditionFailure("order statistic \(rank) of \(output.spec.name) was asked for and not found")
                }
                return value
            }
            let intervals = PercentileEstimates.intervals(bounds[o], lower: value, upper: value)
            let (mean, standardError) = moments(of: output)
            return OutputSummary(
                output: output, mean: mean, meanStandardError: standardError,
                percentiles: estimates[o], intervals: intervals)
        }
    }
}
