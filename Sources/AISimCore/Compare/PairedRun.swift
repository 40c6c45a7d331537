/// Two priors simulated side by side, chunk by chunk and block by block, on the streams one
/// seed gives each input, with each trial's ratio of every compared output (the second
/// prior's over the first's) counted into a quantile sketch, and whether the second is larger.
///
/// A design (Latin hypercube, Sobol) keeps a sketch and a count per replicate as well: its
/// ratios' intervals come from the replicates' spread (``IntervalRanks/replicated(_:among:shares:level:)``,
/// each replicate's share at the pooled estimate read from its own sketch, to within the
/// sketch's accuracy), and P(B > A)'s from the replicates' shares.
final class PairedRun: @unchecked Sendable {
    let base: Prior
    let other: Prior
    let outputs: [Output]
    let options: SimulationOptions
    let plan: ChunkPlan
    let seeders: (base: ChunkSeeder, other: ChunkSeeder)
    /// Per chunk (for a design) and output, the replicate's sketch, `chunk * outputs + o`.
    private let replicateSketches: UnsafeMutableBufferPointer<QuantileSketch>
    /// Per chunk (for a design) and output, the trials where the second prior is larger.
    private let replicateGreater: UnsafeMutableBufferPointer<Int>

    var replicated: Bool { options.method != .random }

    /// One thread's two samplers, evaluators and output blocks, and what it has counted.
    final class Worker: @unchecked Sendable {
        let samplers: (InputSampler, InputSampler)
        let evaluators: (ModelEvaluator, ModelEvaluator)
        let blocks: (OutputColumns, OutputColumns)
        let uniforms: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)
        private let buffer: UnsafeMutablePointer<Double>
        let ratio: UnsafeMutablePointer<Double>
        var sketches: [QuantileSketch]
        var greater: [Int]
        var invalid = false

        init(_ run: PairedRun) {
            samplers = (
                InputSampler(prior: run.base, blockSize: Block.size, method: run.options.method),
                InputSampler(prior: run.other, blockSize: Block.size, method: run.options.method)
            )
            evaluators = (
                ModelEvaluator(for: samplers.0, blockSize: Block.size),
                ModelEvaluator(for: samplers.1, blockSize: Block.size)
            )
            let outputColumns = Output.allCases.count * Block.size
            let dimensions = (samplers.0.plan.dimensions, samplers.1.plan.dimensions)
            let size = 2 * outputColumns + (dimensions.0 + dimensions.1 + 1) * Block.size
            buffer = .allocate(capacity: size)
            buffer.initialize(repeating: 0, count: size)
            blocks = (
                OutputColumns(base: buffer, stride: Block.size),
                OutputColumns(base: buffer + outputColumns, stride: Block.size)
            )
            uniforms = (buffer + 2 * outputColumns, buffer + 2 * outputColumns + dimensions.0 * Block.size)
            ratio = buffer + size - Block.size
            sketches = run.outputs.map { _ in QuantileSketch(accuracy: Comparison.ratioAccuracy) }
            greater = run.outputs.map { _ in 0 }
        }

        deinit { buffer.deallocate() }
    }

    init(base: Prior, other: Prior, outputs: [Output], options: SimulationOptions, otherSeed: UInt64) {
        self.base = base
        self.other = other
        self.outputs = outputs
        self.options = options
        plan = ChunkPlan(trials: options.trials, method: options.method)
        seeders = (ChunkSeeder(seed: options.seed), ChunkSeeder(seed: otherSeed))
        let slots = options.method == .random ? 0 : plan.count * outputs.count
        replicateSketches = .allocate(capacity: slots)
        replicateSketches.initialize(repeating: QuantileSketch(accuracy: Comparison.ratioAccuracy))
        replicateGreater = .allocate(capacity: slots)
        replicateGreater.initialize(repeating: 0)
    }

    deinit {
        replicateSketches.deinitialize()
        replicateSketches.deallocate()
        replicateGreater.deallocate()
    }

    func run() throws(PriorError) -> [Comparison.Ratio] {
        let workers = (0..<min(options.threads, plan.count)).map { _ in Worker(self) }
        let invalid: @Sendable (Worker) -> Bool = { $0.invalid }
        options.progress?.start(total: options.trials)
        ChunkScheduler.forEach(0..<plan.count, workers, stoppingWhen: invalid) { worker, chunk in
            self.simulate(chunk, worker)
            self.options.progress?.add(self.plan.range(of: chunk).count)
        }
        if let output = outputs.first(where: { o in
            workers.contains { $0.sketches[outputs.firstIndex(of: o)!].isTooWide }
        })
            ?? (workers.contains(where: \.invalid) ? outputs.first : nil)
        {
            throw PriorError(
                file: other.source,
                message:
                    "the ratio of \(output.spec.name) to \(base.source)'s leaves the range a sketch of relative accuracy \(Comparison.ratioAccuracy) holds (or of double precision) in some trials"
            )
        }
        return outputs.indices.map { o in summary(o, workers) }
    }

    /// Simulates `chunk` of both priors and counts each trial's ratios.
    private func simulate(_ chunk: Int, _ worker: Worker) {
        let range = plan.range(of: chunk)
        let streams = (
            ChunkStreams(seeder: seeders.base, chunk: chunk, inputs: worker.samplers.0.plan.drawnInputs),
            ChunkStreams(seeder: seeders.other, chunk: chunk, inputs: worker.samplers.1.plan.drawnInputs)
        )
        let designs =
            replicated
            ? (
                StratifiedDesign(
                    method: options.method, inputs: worker.samplers.0.plan.dimensionInputs, points: range.count,
                    streams: streams.0),
                StratifiedDesign(
                    method: options.method, inputs: worker.samplers.1.plan.dimensionInputs, points: range.count,
                    streams: streams.1)
            ) : nil
        var offset = 0
        while offset < range.count {
            let count = min(Block.size, range.count - offset)
            if let designs {
                designs.0.next(count: count, into: worker.uniforms.0, stride: Block.size)
                designs.1.next(count: count, into: worker.uniforms.1, stride: Block.size)
                worker.samplers.0.draw(count: count, uniforms: worker.uniforms.0, stride: Block.size)
                worker.samplers.1.draw(count: count, uniforms: worker.uniforms.1, stride: Block.size)
            } else {
                worker.samplers.0.draw(count: count, streams: streams.0)
                worker.samplers.1.draw(count: count, streams: streams.1)
            }
            worker.evaluators.0.evaluate(worker.samplers.0.inputs, into: worker.blocks.0, count: count)
            worker.evaluators.1.evaluate(worker.samplers.1.inputs, into: worker.blocks.1, count: count)
            for (o, output) in outputs.enumerated() {
                let a = worker.blocks.0[output]
                let b = worker.blocks.1[output]
                var greater = 0
                for i in 0..<count {
                    worker.ratio[i] = b[i] / a[i]
                    greater &+= b[i] > a[i] ? 1 : 0
                }
                if !worker.sketches[o].add(worker.ratio, count: count) { worker.invalid = true }
                worker.greater[o] += greater
                if replicated {
                    _ = replicateSketches[chunk * outputs.count + o].add(worker.ratio, count: count)
                    replicateGreater[chunk * outputs.count + o] += greater
                }
            }
            offset += count
        }
    }

    /// Output `o`'s ratio: percentiles with intervals, extremes, and P(B > A).
    private func summary(_ o: Int, _ workers: [Worker]) -> Comparison.Ratio {
        var sketch = workers[0].sketches[o]
        for worker in workers.dropFirst() { sketch.merge(worker.sketches[o]) }
        let n = options.trials
        let percentiles = options.percentiles
        let pointRanks = Percentile.ranks(percentiles, among: n)
        let points = sketch.orderStatistics(ranks: pointRanks)
        let estimates = PercentileEstimates.estimates(percentiles, among: n, orderStatistics: points.mapValues(\.value))
        let bounds: [(lower: Int?, upper: Int?)]
        let greater: Proportion
        let sizes = (0..<plan.count).map { plan.range(of: $0).count }
        if replicated && plan.count >= 2 {
            bounds = zip(percentiles, estimates).map { percentile, estimate in
                let shares = (0..<plan.count).map { chunk in
                    replicateSketches[chunk * outputs.count + o].fraction(atMost: estimate)
                }
                return IntervalRanks.replicated(percentile.value / 100, among: n, shares: shares)
            }
            greater = Proportion(
                replicateCounts: (0..<plan.count).map { replicateGreater[$0 * outputs.count + o] }, sizes: sizes)
        } else {
            bounds = PercentileEstimates.binomialBounds(percentiles, among: n)
            greater = Proportion(count: workers.reduce(0) { $0 + $1.greater[o] }, trials: n)
        }
        let found = sketch.orderStatistics(ranks: PercentileEstimates.ranks(of: bounds))
        let intervals = PercentileEstimates.intervals(
            bounds, lower: { found[$0]?.lower ?? sketch.minimum }, upper: { found[$0]?.upper ?? sketch.maximum })
        return Comparison.Ratio(
            output: outputs[o], percentiles: estimates, intervals: intervals, minimum: sketch.minimum,
            maximum: sketch.maximum, greater: greater)
    }
}
