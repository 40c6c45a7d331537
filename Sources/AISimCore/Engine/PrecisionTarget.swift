/// A precision to reach instead of a trial count: every reported percentile of the chosen
/// outputs must have a 95% confidence interval whose half-width is at most
/// `relativeHalfWidth` of the estimate.
public struct PrecisionTarget: Sendable, Equatable {
    /// The largest relative half-width allowed, as a fraction (0.005 for 0.5%).
    public let relativeHalfWidth: Double
    /// The most trials one run may use; the search stops there, short of the target if need be.
    public let maxTrials: Int
    /// The outputs whose percentiles must reach the target.
    public let outputs: [Output]

    /// The outputs `--precision` watches: the two the model exists for.
    public static let defaultOutputs: [Output] = [.parallelTokensPerS, .streams]

    public init(relativeHalfWidth: Double, maxTrials: Int, outputs: [Output] = PrecisionTarget.defaultOutputs) {
        precondition(relativeHalfWidth > 0 && maxTrials > 0 && !outputs.isEmpty)
        self.relativeHalfWidth = relativeHalfWidth
        self.maxTrials = maxTrials
        self.outputs = outputs
    }

    /// The worst relative half-width among the watched outputs' percentiles in `result`, and
    /// where it is.
    public func worst(in result: SimulationResult) -> (halfWidth: Double, output: Output, percentile: Percentile) {
        var worst: (halfWidth: Double, output: Output, percentile: Percentile) = (-1, outputs[0], result.percentiles[0])
        for output in outputs {
            let summary = result[output]
            for (k, percentile) in result.percentiles.enumerated() {
                let halfWidth = summary.intervals[k].relativeHalfWidth(around: summary.percentiles[k])
                if halfWidth > worst.halfWidth { worst = (halfWidth, output, percentile) }
            }
        }
        return worst
    }

    /// The trial count to try after a run of `trials` whose worst relative half-width was
    /// `halfWidth`: half-widths shrink as 1/√n, so the count that should just reach the
    /// target, plus 10%, at least 1.5 times the last and at most 16 times it (or `maxTrials`).
    func nextTrials(after trials: Int, halfWidth: Double) -> Int {
        let ratio = halfWidth / relativeHalfWidth
        let predicted = halfWidth.isFinite ? Double(trials) * ratio * ratio * 1.1 : .infinity
        let next = min(Double(trials) * 16, max(Double(trials) * 1.5, predicted))
        return min(maxTrials, Int(next.rounded()))
    }
}

/// How a run with a ``PrecisionTarget`` went: the target, the worst half-width it reached,
/// and the trials of every run it made (the last is the one reported).
public struct PrecisionOutcome: Sendable, Equatable {
    public let target: PrecisionTarget
    /// The worst relative half-width of the reported run, and where it is.
    public let achieved: Double
    public let worstOutput: Output
    public let worstPercentile: Percentile
    /// Trials of each run, in order.
    public let runs: [Int]

    /// Whether the reported run reached the target (false: it stopped at `maxTrials`).
    public var met: Bool { achieved <= target.relativeHalfWidth }
}
