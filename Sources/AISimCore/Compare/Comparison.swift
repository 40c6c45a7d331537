/// Two or more priors run on common random numbers, and each later one set against the first,
/// trial by trial: what `aisim compare` prints.
///
/// Every prior runs with the same seed, trials and method, and every input draws from its own
/// stream keyed by (seed, chunk, input name) (``ChunkSeeder``), so an input with the same
/// distribution in two priors takes the same value in every trial. Each trial's ratio B / A
/// then carries only what differs between the priors, and its percentiles and P(B > A) are far
/// tighter than the two runs' own intervals suggest.
public struct Comparison: Sendable {
    /// One output's ratio, later prior over the first, trial by trial.
    public struct Ratio: Sendable {
        public let output: Output
        /// The ratio's percentiles (from a quantile sketch of relative accuracy
        /// ``ratioAccuracy``) and their 95% intervals, which take the sketch's error in.
        public let percentiles: [Double]
        public let intervals: [ConfidenceInterval]
        /// The smallest and largest ratio, exactly.
        public let minimum: Double
        public let maximum: Double
        /// The share of trials where the later prior's output is larger.
        public let greater: Proportion
    }

    public let priors: [Prior]
    /// Each prior's own run.
    public let results: [SimulationResult]
    /// For each prior after the first, the ratio of each compared output.
    public let ratios: [[Ratio]]
    public let outputs: [Output]
    /// Whether the priors drew from independent streams (for measuring what common random
    /// numbers buy), rather than common ones.
    public let independentStreams: Bool

    /// The relative accuracy of the ratios' sketches: 0.01%.
    public static let ratioAccuracy = 1e-4

    /// Runs every prior of `priors` with `options`, then each later one paired with the first:
    /// 2n − 1 runs, each a step of `options.progress`.
    /// - Throws: ``PriorError`` from any prior's run, or when a ratio leaves the range of `Double`.
    public static func run(
        _ priors: [Prior], outputs: [Output], options: SimulationOptions, independentStreams: Bool = false
    ) throws(PriorError) -> Comparison {
        precondition(priors.count >= 2)
        var results: [SimulationResult] = []
        let steps = 2 * priors.count - 1
        for (k, prior) in priors.enumerated() {
            options.progress?.begin(step: k + 1, of: steps)
            var own = options
            if independentStreams { own.seed = options.seed &+ UInt64(k) }
            results.append(try Simulation.run(prior, options: own))
        }
        var ratios: [[Ratio]] = []
        for k in priors.indices.dropFirst() {
            options.progress?.begin(step: priors.count + k, of: steps)
            let pair = PairedRun(
                base: priors[0], other: priors[k], outputs: outputs, options: options,
                otherSeed: independentStreams ? options.seed &+ UInt64(k) : options.seed)
            ratios.append(try pair.run())
        }
        return Comparison(
            priors: priors, results: results, ratios: ratios, outputs: outputs, independentStreams: independentStreams)
    }
}
