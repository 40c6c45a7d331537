/// What the chunks of a sketch-mode run leave behind, and all a summary needs: one
/// ``QuantileSketch`` per output, and the outputs' moments as ``MomentTree`` nodes.
///
/// Summaries of chunk ranges merge exactly: sketch counts add, and moment nodes combine along
/// a fixed tree. So shards that tile a run merge into exactly the single run's summary,
/// whatever the order.
public struct SketchSummary: Sendable, Equatable {
    /// Trials of the whole run.
    public let trials: Int
    public let seed: UInt64
    /// The sketches' relative accuracy, α.
    public let accuracy: Double
    /// The chunk ranges summarised, in order, adjacent ones joined.
    public private(set) var chunks: [Range<Int>]
    /// One sketch per ``Output``.
    public private(set) var sketches: [QuantileSketch]
    /// The moments, as the canonical ``MomentTree`` tiling of ``chunks``.
    var nodes: [MomentTree.Node]
    /// The thresholds the chunks counted, and the trials past each.
    public private(set) var thresholds: [Threshold]
    public private(set) var thresholdCounts: [Int]

    init(
        trials: Int, seed: UInt64, accuracy: Double, chunks: [Range<Int>], sketches: [QuantileSketch],
        nodes: [MomentTree.Node], thresholds: [Threshold] = [], thresholdCounts: [Int] = []
    ) {
        precondition(thresholds.count == thresholdCounts.count)
        self.trials = trials
        self.seed = seed
        self.accuracy = accuracy
        self.chunks = chunks
        self.sketches = sketches
        self.nodes = nodes
        self.thresholds = thresholds
        self.thresholdCounts = thresholdCounts
    }

    /// Adds `other`'s chunks.
    /// - Precondition: the same run (trials, seed, accuracy, thresholds) and chunk ranges that
    ///   do not overlap.
    public mutating func merge(_ other: SketchSummary) {
        precondition(
            other.trials == trials && other.seed == seed && other.accuracy == accuracy && other.thresholds == thresholds
        )
        precondition(other.chunks.allSatisfy { range in !chunks.contains { $0.overlaps(range) } }, "overlapping chunks")
        var ranges: [Range<Int>] = []
        for range in (chunks + other.chunks).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = ranges.last, last.upperBound == range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else {
                ranges.append(range)
            }
        }
        chunks = ranges
        for output in sketches.indices { sketches[output].merge(other.sketches[output]) }
        nodes = MomentTree.coalesce(nodes + other.nodes)
        thresholdCounts = zip(thresholdCounts, other.thresholdCounts).map(+)
    }

    /// Whether the chunk ranges tile the whole run, [0, chunk count).
    public var isComplete: Bool { chunks == [0..<ChunkPlan(trials: trials).count] }

    /// The run's result: every output's percentiles from its sketch, interpolated as numpy's
    /// default between the order statistics' representatives; 95% intervals whose bounds are
    /// the outer edges of the buckets holding the binomial interval's order statistics, so
    /// they take in both the Monte Carlo error and the sketch's; the mean and its standard
    /// error from the moment tree; the probability of each of the chunks' thresholds (or of
    /// those `reported`), from their exact counts.
    /// - Precondition: ``isComplete``.
    public func result(
        percentiles: [Percentile], diagnostics: SimulationDiagnostics = SimulationDiagnostics(),
        sensitivity: Sensitivity? = nil, thresholds reported: [Threshold]? = nil
    ) -> SimulationResult {
        precondition(isComplete, "a summary of part of a run")
        let root = MomentTree.root(nodes)
        let pointRanks = Percentile.ranks(percentiles, among: trials)
        let bounds = PercentileEstimates.binomialBounds(percentiles, among: trials)
        let outputs = Output.allCases.map { output in
            let sketch = sketches[output.rawValue]
            let found = sketch.orderStatistics(ranks: pointRanks + PercentileEstimates.ranks(of: bounds))
            let estimates = PercentileEstimates.estimates(
                percentiles, among: trials, orderStatistics: found.mapValues(\.value))
            func statistic(_ rank: Int) -> (value: Double, lower: Double, upper: Double) {
                guard let statistic = found[rank] else {
                    preconditionFailure("order statistic \(rank) was asked of the sketch and not found")
                }
                return statistic
            }
            let intervals = PercentileEstimates.intervals(
                bounds, lower: { statistic($0).lower }, upper: { statistic($0).upper })
            let (mean, standardError) = root[output.rawValue].meanAndStandardError
            return OutputSummary(
                output: output, mean: mean, meanStandardError: standardError, percentiles: estimates,
                intervals: intervals)
        }
        var result = SimulationResult(
            trials: trials, seed: seed, method: .random, replicates: nil,
            sketchAccuracy: sketches[0].guaranteedAccuracy,
            percentiles: percentiles, outputs: outputs, diagnostics: diagnostics, sensitivity: sensitivity)
        result.distributions = Dictionary(uniqueKeysWithValues: Output.allCases.map { ($0, sketches[$0.rawValue]) })
        result.exceedances = zip(thresholds, thresholdCounts).filter { reported?.contains($0.0) ?? true }.map {
            Exceedance($0, count: $1, trials: trials)
        }
        return result
    }
}
