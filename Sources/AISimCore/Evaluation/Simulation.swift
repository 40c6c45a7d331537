import Dispatch
import Foundation
import Synchronization

/// Runs the Monte Carlo simulation of a prior and summarises every output exactly.
///
/// Trials are split into fixed chunks (``ChunkPlan``); each chunk draws from its own GSL
/// generator seeded from (seed, chunk index) by ``ChunkSeeder`` and is evaluated in blocks of
/// ``blockSize`` trials, column by column. Threads take chunks from a shared counter, and every
/// result is either written to a place the chunk owns or combined in an order-independent way,
/// so one seed gives identical output on any number of threads.
///
/// Percentiles are exact order statistics. Runs of up to ``SummaryTuning/keepAllLimit`` trials
/// hold every value and select. Longer runs hold the first chunks in full as a pilot, then
/// stream the rest through a ``KeepPlan`` that keeps only the values near each wanted
/// percentile, so memory grows far slower than the trial count (about 60 MB for 1e7 trials).
public enum Simulation {
    /// Trials evaluated together, column by column (about 128 KB of scratch per thread).
    public static let blockSize = 1 << 10

    /// Simulates `prior` and summarises every output.
    ///
    /// - Throws: ``PriorError`` when samples fall outside an input's domain or an output leaves
    ///   the range of `Double`; the message says which input, how many samples, and why.
    public static func run(_ prior: Prior, options: SimulationOptions) throws(PriorError) -> SimulationResult {
        let run = SimulationRun(prior: prior, options: options)
        return try run.execute()
    }

    /// Sketches chunks `chunks` of a run (``ChunkPlan``) with `options.summary`'s accuracy:
    /// what a shard of a sketch-mode run computes. Sketches of ranges that tile the run merge
    /// (``SketchSummary/merge(_:)``) into exactly the single run's.
    ///
    /// - Precondition: `options.summary` is a sketch, `options.method` is random, and
    ///   `chunks` lies within the run's chunks.
    public static func sketch(_ prior: Prior, options: SimulationOptions, chunks: Range<Int>) throws(PriorError) -> SketchSummary {
        let run = SimulationRun(prior: prior, options: options, chunks: chunks)
        let plan = ChunkPlan(trials: options.trials)
        options.progress?.start(total: plan.range(of: chunks.upperBound - 1).upperBound - plan.range(of: chunks.lowerBound).lowerBound)
        return try run.sketch(run.workers())
    }
}

/// The state of one run, shared by its threads. Every mutable piece is either owned by one
/// chunk (its sums), owned by one worker, or written before the threads start.
private final class SimulationRun: @unchecked Sendable {
    let prior: Prior
    let options: SimulationOptions
    let plan: ChunkPlan
    let seeder: ChunkSeeder
    /// Seeds for the separate stream sensitivity analysis draws from.
    let detailSeeder: ChunkSeeder
    let sensitivity: SensitivityTally?
    /// The chunks this run simulates: all of them, or a shard's range.
    let chunks: Range<Int>
    let pilotChunks: Int
    let pilotTrials: Int
    /// Output moments per chunk and output, `chunk * outputs + output`, merged block by block
    /// in the chunk's order.
    let chunkMoments: UnsafeMutableBufferPointer<BlockMoments>
    /// The pilot's values of the summarised outputs, one column of `pilotTrials` values each.
    let storage: UnsafeMutablePointer<Double>
    /// Where each output's pilot column starts in ``storage``, by ``Output`` raw value: nil
    /// for outputs not summarised, whose pilot values only go into the sums.
    let held: [UnsafeMutablePointer<Double>?]
    var diagnostics = SimulationDiagnostics()

    static let outputCount = Output.allCases.count
    /// The outputs exact mode finds percentiles of (``SimulationOptions/outputs``); every
    /// output in sketch mode.
    let summarised: [Output]
    /// Whether each output, by raw value, is in ``summarised``: the streaming loop asks once
    /// per block and output.
    let isSummarised: [Bool]

    init(prior: Prior, options: SimulationOptions, chunks: Range<Int>? = nil) {
        self.prior = prior
        self.options = options
        plan = ChunkPlan(trials: options.trials, method: options.method)
        summarised = options.summary == .exact ? options.outputs : Output.allCases
        isSummarised = Output.allCases.map(summarised.contains)
        self.chunks = chunks ?? 0..<plan.count
        precondition(self.chunks.lowerBound >= 0 && self.chunks.upperBound <= plan.count && !self.chunks.isEmpty)
        seeder = ChunkSeeder(seed: options.seed)
        detailSeeder = ChunkSeeder(seed: options.seed, stream: 1)
        sensitivity = options.sensitivity ? SensitivityTally(prior: prior, trials: options.trials, chunks: plan.count) : nil
        if case .sketch = options.summary {
            // A sketch needs no pilot: it holds no values at all.
            pilotChunks = 0
            pilotTrials = 0
        } else {
            pilotChunks = plan.chunks(covering: options.tuning.pilotTrials(for: options.trials))
            pilotTrials = plan.range(of: pilotChunks - 1).upperBound
        }
        // Sketch mode accumulates moments along the tree as chunks finish, not per chunk.
        let summarisedChunks = if case .sketch = options.summary { 0 } else { self.chunks.count }
        chunkMoments = .allocate(capacity: summarisedChunks * Self.outputCount)
        chunkMoments.initialize(repeating: BlockMoments())
        storage = .allocate(capacity: pilotTrials * summarised.count)
        held = Output.allCases.map { [storage, pilotTrials, summarised] output in
            summarised.firstIndex(of: output).map { storage + $0 * pilotTrials }
        }
    }

    deinit {
        chunkMoments.deallocate()
        storage.deallocate()
    }

    /// Whether the run samples a Latin hypercube or Sobol design, one replicate per chunk.
    var replicated: Bool { options.method != .random }

    /// One worker per thread, at most one per chunk.
    func workers() -> [Worker] {
        (0..<min(options.threads, chunks.count)).map {
            let worker = Worker(index: $0, prior: prior, blockSize: Simulation.blockSize, recordingLogarithms: options.sensitivity, method: options.method)
            if options.summary == .exact {
                worker.histograms = options.histograms.map { _ in QuantileSketch(accuracy: SimulationOptions.histogramAccuracy) }
            }
            if let sensitivity { worker.sensitivityRow = [Double](repeating: 0, count: sensitivity.rowLength) }
            return worker
        }
    }

    /// Where chunk `chunk`'s moments of `output` live in ``chunkMoments``.
    func momentSlot(_ chunk: Int, _ output: Output) -> Int { (chunk - chunks.lowerBound) * Self.outputCount + output.rawValue }

    func execute() throws(PriorError) -> SimulationResult {
        options.progress?.start(total: options.trials)
        let clock = ContinuousClock()
        let started = clock.now
        let workers = workers()
        if case .sketch = options.summary {
            let summary = try sketch(workers)
            diagnostics.threads = workers.count
            diagnostics.simulateSeconds = seconds(clock.now - started)
            return summary.result(percentiles: options.percentiles, diagnostics: diagnostics,
                                  sensitivity: sensitivity?.sensitivity(trials: options.trials, prior: prior))
        }

        // The pilot: the first chunks, every value of the summarised outputs held.
        parallel(0..<pilotChunks, workers) { worker, chunk in
            let start = self.plan.range(of: chunk).lowerBound
            self.simulate(chunk, worker, into: { offset in
                OutputColumns(Output.allCases.map { self.held[$0.rawValue].map { $0 + start + offset } ?? worker.scratch[$0] })
            }) { block, count in
                let started = DispatchTime.now().uptimeNanoseconds
                self.account(block, count: count, chunk: chunk, worker: worker)
                worker.momentNanoseconds += DispatchTime.now().uptimeNanoseconds - started
            }
        }
        try check(workers, trials: pilotTrials)
        recordTimes(workers)
        diagnostics.pilotTrials = pilotTrials
        diagnostics.threads = workers.count

        let summaries: [OutputSummary]
        if pilotChunks == plan.count {
            diagnostics.simulateSeconds = seconds(clock.now - started)
            let summarizing = clock.now
            summaries = try summarize(values: heldOrderStatistics, counts: { thresholds throws(PriorError) in
                try self.countsByChunk(thresholds, workers)
            })
            diagnostics.keptValues = pilotTrials * summarised.count
            diagnostics.summarizeSeconds = seconds(clock.now - summarizing)
        } else {
            let planning = clock.now
            let plans = concurrentMap(Output.allCases) { output in
                guard self.isSummarised[output.rawValue] else { return KeepPlan.keepingNothing }
                return KeepPlan(pilot: UnsafeBufferPointer(start: self.held[output.rawValue]!, count: self.pilotTrials),
                                trials: self.options.trials, quantiles: self.options.percentiles.map { $0.value / 100 },
                                tuning: self.options.tuning)
            }
            diagnostics.planSeconds = seconds(clock.now - planning)
            let slots = try stream(plans, workers)
            diagnostics.simulateSeconds = seconds(clock.now - started)
            let summarizing = clock.now
            let pooled = slots.merged()
            diagnostics.keptValues = pooled.reduce(0) { $0 + $1.keptCount }
            summaries = try summarize(
                values: { ranks throws(PriorError) in try self.orderStatistics(ranks, pooled, plans, workers) },
                counts: { thresholds throws(PriorError) in try self.replicateCounts(thresholds, slots, plans, workers) })
            diagnostics.summarizeSeconds = seconds(clock.now - summarizing)
        }

        var result = SimulationResult(trials: options.trials, seed: options.seed, method: options.method,
                                      replicates: replicated ? plan.count : nil, sketchAccuracy: nil, percentiles: options.percentiles,
                                      outputs: summaries, diagnostics: diagnostics,
                                      sensitivity: sensitivity?.sensitivity(trials: options.trials, prior: prior))
        for (i, output) in options.histograms.enumerated() {
            var histogram = workers[0].histograms[i]
            for worker in workers.dropFirst() { histogram.merge(worker.histograms[i]) }
            result.distributions[output] = histogram
        }
        return result
    }

    // MARK: Summary

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
    private func summarize(values: ([[Int]]) throws(PriorError) -> [[Int: Double]],
                           counts: ([[Double]]) throws(PriorError) -> [[[Int]]]) throws(PriorError) -> [OutputSummary] {
        let n = options.trials, percentiles = options.percentiles
        let pointRanks = Percentile.ranks(percentiles, among: n)
        /// `ranks` for the summarised outputs, none for the others.
        func wanted(_ ranks: (Output) -> [Int]) -> [[Int]] { Output.allCases.map { summarised.contains($0) ? ranks($0) : [] } }
        func flattened(_ bounds: [(lower: Int?, upper: Int?)]) -> [Int] { bounds.flatMap { [$0.lower, $0.upper].compactMap { $0 } } }

        var found: [[Int: Double]]
        let estimates: [[Double]]
        let bounds: [[(lower: Int?, upper: Int?)]]
        if replicated {
            found = try values(wanted { _ in pointRanks })
            estimates = Output.allCases.map { summarised.contains($0) ? Percentile.interpolate(percentiles, among: n, orderStatistics: found[$0.rawValue]) : [] }
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
            let more = try values(wanted { flattened(bounds[$0.rawValue]) })
            for output in found.indices { found[output].merge(more[output]) { kept, _ in kept } }
        } else {
            let binomial = percentiles.map { IntervalRanks.binomial($0.value / 100, among: n) }
            bounds = Output.allCases.map { summarised.contains($0) ? binomial : percentiles.map { _ in (lower: nil, upper: nil) } }
            found = try values(wanted { _ in pointRanks + flattened(binomial) })
            estimates = Output.allCases.map { summarised.contains($0) ? Percentile.interpolate(percentiles, among: n, orderStatistics: found[$0.rawValue]) : [] }
        }

        return Output.allCases.map { output in
            let o = output.rawValue
            guard summarised.contains(output) else {
                let (mean, standardError) = moments(of: output)
                return OutputSummary(output: output, mean: mean, meanStandardError: standardError,
                                     percentiles: percentiles.map { _ in .nan }, intervals: percentiles.map { _ in ConfidenceInterval(lower: nil, upper: nil) })
            }
            let intervals = bounds[o].map { bound in
                ConfidenceInterval(lower: bound.lower.map { found[o][$0]! }, upper: bound.upper.map { found[o][$0]! })
            }
            let (mean, standardError) = moments(of: output)
            return OutputSummary(output: output, mean: mean, meanStandardError: standardError,
                                 percentiles: estimates[o], intervals: intervals)
        }
    }

    /// The mean of `output` and its standard error: s/√n for random sampling, with s from the
    /// chunks' centred sums of squares; for a design, the standard deviation of the
    /// replicates' means over √R. Nil when the run cannot estimate it (one trial, one
    /// replicate, or squares beyond the range of `Double`).
    private func moments(of output: Output) -> (mean: Double, standardError: Double?) {
        if replicated {
            let replicates = (0..<plan.count).map { chunkMoments[momentSlot($0, output)] }
            let mean = replicates.reduce(into: BlockMoments()) { $0.merge($1) }.mean
            let means = replicates.map(\.mean)
            return (mean, means.count >= 2 ? IntervalRanks.standardError(ofMean: means) : nil)
        }
        return MomentTree.root(momentNodes())[output.rawValue].meanAndStandardError
    }

    /// The moments of this run's chunks, as the nodes of ``MomentTree`` that tile them.
    func momentNodes() -> [MomentTree.Node] {
        MomentTree.cover(chunks) { chunk in
            Output.allCases.map { self.chunkMoments[self.momentSlot(chunk, $0)] }
        }
    }

    /// Order statistics of runs that hold every value.
    private func heldOrderStatistics(_ ranks: [[Int]]) -> [[Int: Double]] {
        concurrentMap(Output.allCases) { output in
            let wanted = ranks[output.rawValue]
            guard !wanted.isEmpty else { return [:] }
            let column = UnsafeBufferPointer(start: self.held[output.rawValue]!, count: self.pilotTrials)
            return ExactPercentiles.orderStatistics(ofHeld: column, ranks: wanted, maxBuckets: self.options.tuning.maxBuckets)
        }
    }

    /// Streams every chunk through the keep plans: the pilot's held values, then new chunks.
    /// A design keeps a tally per chunk (replicate), so that each replicate's counts stay apart.
    private func stream(_ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> TallySlots {
        let slotCount = replicated ? plan.count : workers.count
        let slots = TallySlots(count: slotCount, plans: plans, trialsPerSlot: (options.trials + slotCount - 1) / slotCount)
        parallel(0..<plan.count, workers) { worker, chunk in
            let slot = self.replicated ? chunk : worker.index
            if chunk < self.pilotChunks {
                self.tallyPilot(chunk, worker, slots, slot, plans)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }) { block, count in
                    let started = DispatchTime.now().uptimeNanoseconds
                    self.account(block, count: count, chunk: chunk, worker: worker)
                    let summed = DispatchTime.now().uptimeNanoseconds
                    for output in self.summarised {
                        slots.add(block[output], count: count, slot: slot, output: output, plan: plans[output.rawValue])
                    }
                    worker.momentNanoseconds += summed - started
                    worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - summed
                }
            }
        }
        try check(workers, trials: options.trials)
        recordTimes(workers)
        return slots
    }

    /// The order statistics at `ranks` (for each output) from the streamed tallies, with one
    /// more pass over the chunks for any rank that fell in a gap between the kept windows.
    ///
    /// The pass over the kept values runs on every thread: one task per output and part (each
    /// worker's values are a part of the merged tally).
    private func orderStatistics(_ ranks: [[Int]], _ tallies: [OutputTally], _ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> [[Int: Double]] {
        let lookups = Output.allCases.map { tallies[$0.rawValue].lookup(ranks: ranks[$0.rawValue], plan: plans[$0.rawValue]) }
        let tasks = Output.allCases.filter { !lookups[$0.rawValue].asked.isEmpty }.flatMap { output in
            (0..<tallies[output.rawValue].partCount).map { (output: output, part: $0) }
        }
        let pieces = concurrentMap(tasks) { task in
            tallies[task.output.rawValue].gather(lookups[task.output.rawValue], part: task.part, map: plans[task.output.rawValue].map)
        }
        var found = concurrentMap(Output.allCases) { output in
            let gathered = zip(tasks, pieces).filter { $0.0.output == output }.map(\.1)
            return tallies[output.rawValue].values(lookups[output.rawValue], gathered: gathered, plan: plans[output.rawValue])
        }
        if lookups.contains(where: { !$0.missing.isEmpty }) {
            diagnostics.fallbackPasses += 1
            let extraPlans = Output.allCases.map { KeepPlan(recovering: Array(lookups[$0.rawValue].missing.keys), of: plans[$0.rawValue]) }
            let extra = try streamAgain(extraPlans, workers)
            for output in Output.allCases where !lookups[output.rawValue].missing.isEmpty {
                tallies[output.rawValue].recover(lookups[output.rawValue].missing, into: &found[output.rawValue],
                                                 from: extra[output.rawValue], extraPlan: extraPlans[output.rawValue])
            }
        }
        return found
    }

    /// For each output and threshold, how many of each replicate's values are at most the
    /// threshold, from the replicates' own tallies; a threshold in a gap between kept windows
    /// (after a fallback pass) is counted by one more pass over the chunks.
    private func replicateCounts(_ thresholds: [[Double]], _ slots: TallySlots, _ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> [[[Int]]] {
        let counts = concurrentMap(Output.allCases) { output in
            thresholds[output.rawValue].map { threshold in
                (0..<self.plan.count).map { chunk in
                    slots[chunk][output.rawValue].count(atMost: threshold, plan: plans[output.rawValue])
                }
            }
        }
        guard counts.allSatisfy({ $0.allSatisfy { $0.allSatisfy { $0 != nil } } }) else {
            return try countsByChunk(thresholds, workers)
        }
        return counts.map { $0.map { $0.map { $0! } } }
    }

    /// For each output and threshold, how many of each chunk's values are at most the
    /// threshold: from the held values, drawing again the chunks that were not held.
    private func countsByChunk(_ thresholds: [[Double]], _ workers: [Worker]) throws(PriorError) -> [[[Int]]] {
        let offsets = thresholds.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let width = offsets.last!
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: plan.count * width)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let shared = UnsafeSendable(counts)
        if pilotChunks < plan.count { diagnostics.fallbackPasses += 1 }
        parallel(0..<plan.count, workers) { worker, chunk in
            let row = shared.value.baseAddress! + chunk * width
            /// Counts the values at most each threshold in `n` values of each output with thresholds.
            func count(_ column: (Output) -> UnsafeMutablePointer<Double>, _ n: Int) {
                for output in Output.allCases where !thresholds[output.rawValue].isEmpty {
                    let column = column(output)
                    for (k, threshold) in thresholds[output.rawValue].enumerated() {
                        var below = 0
                        for i in 0..<n { below &+= column[i] <= threshold ? 1 : 0 }
                        row[offsets[output.rawValue] + k] += below
                    }
                }
            }
            let range = self.plan.range(of: chunk)
            if chunk < self.pilotChunks {
                count({ self.held[$0.rawValue]! + range.lowerBound }, range.count)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }, recording: false) { block, n in count({ block[$0] }, n) }
            }
        }
        return thresholds.indices.map { output in
            thresholds[output].indices.map { k in
                (0..<plan.count).map { chunk in counts[chunk * width + offsets[output] + k] }
            }
        }
    }

    /// A second pass over every chunk, keeping the values of the buckets in `plans`.
    private func streamAgain(_ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> [OutputTally] {
        let slots = TallySlots(count: workers.count, plans: plans)
        parallel(0..<plan.count, workers) { worker, chunk in
            if chunk < self.pilotChunks {
                self.tallyPilot(chunk, worker, slots, worker.index, plans)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }, recording: false) { block, count in
                    for output in self.summarised {
                        slots.add(block[output], count: count, slot: worker.index, output: output, plan: plans[output.rawValue])
                    }
                }
            }
        }
        return slots.merged()
    }

    private func tallyPilot(_ chunk: Int, _ worker: Worker, _ slots: TallySlots, _ slot: Int, _ plans: [KeepPlan]) {
        let range = plan.range(of: chunk)
        let started = DispatchTime.now().uptimeNanoseconds
        for output in summarised {
            slots.add(held[output.rawValue]! + range.lowerBound, count: range.count, slot: slot, output: output, plan: plans[output.rawValue])
        }
        worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - started
    }

    // MARK: Sketches

    /// Simulates this run's chunks into one ``QuantileSketch`` per output and worker, merged
    /// at the end, and the outputs' moments into a ``MomentTree/Accumulator``; nothing is
    /// kept per chunk, so memory does not grow with the trials. A block with a value that is
    /// not a positive finite number stays out of the sketch (``QuantileSketch/add(_:count:)``
    /// refuses it); the check after the pass then stops the run.
    func sketch(_ workers: [Worker]) throws(PriorError) -> SketchSummary {
        guard case .sketch(let accuracy) = options.summary, !replicated else {
            preconditionFailure("sketches summarise random sampling only")
        }
        for worker in workers { worker.sketches = Output.allCases.map { _ in QuantileSketch(accuracy: accuracy) } }
        let tree = MomentTree.Accumulator(chunks: chunks)
        parallel(chunks, workers, stoppingWhen: { worker in worker.sketches.contains(where: \.isTooWide) }) { worker, chunk in
            var moments = [BlockMoments](repeating: BlockMoments(), count: Self.outputCount)
            self.simulate(chunk, worker, into: { _ in worker.scratch }) { block, count in
                let started = DispatchTime.now().uptimeNanoseconds
                for output in Output.allCases {
                    let values = BlockMoments(block[output], count: count)
                    moments[output.rawValue].merge(values)
                    worker.invalidOutputs[output.rawValue] += values.invalid
                }
                let summed = DispatchTime.now().uptimeNanoseconds
                for output in Output.allCases {
                    worker.sketches[output.rawValue].add(block[output], count: count)
                }
                worker.momentNanoseconds += summed - started
                worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - summed
            }
            tree.add(chunk: chunk, moments)
        }
        var sketches = workers[0].sketches
        for worker in workers.dropFirst() {
            for output in sketches.indices { sketches[output].merge(worker.sketches[output]) }
        }
        // A sketch too wide for its accuracy stopped the run early, so this comes first.
        if let output = Output.allCases.first(where: { sketches[$0.rawValue].isTooWide }) {
            let sketch = sketches[output.rawValue]
            let advice = sketch.fittingAccuracy.map { "--accuracy \($0) or coarser, " } ?? ""
            throw PriorError(file: prior.source, message: sketch.tooWide(output) + "; use \(advice)--summary exact, or narrower priors")
        }
        let trials = plan.range(of: chunks.upperBound - 1).upperBound - plan.range(of: chunks.lowerBound).lowerBound
        try check(workers, trials: trials)
        recordTimes(workers)
        return SketchSummary(trials: options.trials, seed: options.seed, accuracy: accuracy,
                             chunks: [chunks], sketches: sketches, nodes: tree.nodes)
    }

    // MARK: Sampling

    /// Samples and evaluates `chunk` block by block: independent draws from the chunk's
    /// generator, or the points of the chunk's replicate of a design, seeded the same way. `destination(offset)` says where the block
    /// starting `offset` trials into the chunk writes its outputs; `body` then sees them.
    /// With `recording`, the block also goes to the sensitivity tally and the histograms, and
    /// the finished chunk to the progress counter (the first pass over a chunk records; a pass
    /// that draws it again does not).
    private func simulate(_ chunk: Int, _ worker: Worker, into destination: (Int) -> OutputColumns, recording: Bool = true,
                          _ body: (OutputColumns, Int) -> Void) {
        let generator = Generator(seed: seeder.seed(forChunk: chunk))
        let range = plan.range(of: chunk)
        let design = replicated
            ? Design(method: options.method, dimensions: worker.sampler.plan.dimensions, points: range.count, generator: generator)
            : nil
        let detail = sensitivity == nil || design != nil ? nil : Generator(seed: detailSeeder.seed(forChunk: chunk))
        var offset = 0
        while offset < range.count {
            let count = min(Simulation.blockSize, range.count - offset)
            if let design {
                design.next(count: count, into: worker.uniforms, stride: Simulation.blockSize)
                worker.sampler.draw(count: count, uniforms: worker.uniforms, stride: Simulation.blockSize)
            } else {
                worker.sampler.draw(count: count, using: generator, detail: detail)
            }
            let block = destination(offset)
            worker.evaluator.evaluate(worker.sampler.inputs, into: block, count: count)
            if recording {
                for (i, output) in options.histograms.enumerated() where i < worker.histograms.count {
                    worker.histograms[i].add(block[output], count: count)
                }
            }
            if recording, let sensitivity, let logarithms = worker.sampler.logarithms {
                worker.sensitivityRow.withUnsafeMutableBufferPointer { row in
                    sensitivity.add(into: row.baseAddress!, start: range.lowerBound + offset, count: count,
                                    logarithms: logarithms, block: block)
                }
            }
            body(block, count)
            offset += count
        }
        if recording, let sensitivity, worker.sampler.logarithms != nil {
            sensitivity.finish(chunk: chunk, row: &worker.sensitivityRow)
        }
        if recording { options.progress?.add(range.count) }
    }

    /// The CPU time the workers spent on the percentile tally and on the means' sums.
    private func recordTimes(_ workers: [Worker]) {
        diagnostics.tallySeconds = Double(workers.reduce(0) { $0 + $1.tallyNanoseconds }) * 1e-9
        diagnostics.momentSeconds = Double(workers.reduce(0) { $0 + $1.momentNanoseconds }) * 1e-9
    }

    /// Adds a block's outputs to its chunk's sums and counts values that left the range of
    /// positive finite doubles.
    private func account(_ block: OutputColumns, count: Int, chunk: Int, worker: Worker) {
        for output in Output.allCases {
            let moments = BlockMoments(block[output], count: count)
            chunkMoments[momentSlot(chunk, output)].merge(moments)
            worker.invalidOutputs[output.rawValue] += moments.invalid
        }
    }

    /// Throws for the first input (in model order), then the first output, with samples the
    /// equations cannot use.
    private func check(_ workers: [Worker], trials: Int) throws(PriorError) {
        for input in Input.allCases {
            let invalid = workers.reduce(0) { $0 + $1.sampler.invalid[input.rawValue] }
            guard invalid > 0 else { continue }
            throw PriorError.samplesOutsideDomain(prior[input], invalid: invalid, trials: trials, source: prior.source)
        }
        let overflowing = Output.allCases.map { output in (output, workers.reduce(0) { $0 + $1.invalidOutputs[output.rawValue] }) }
        if overflowing.contains(where: { $0.1 > 0 }) {
            throw PriorError.outputsOutOfRange(overflowing.filter { $0.1 > 0 }, trials: trials, source: prior.source)
        }
    }

    // MARK: Threads

    /// Runs `body` for every chunk in `chunks`, on one thread per worker, each taking the next
    /// chunk from a shared counter. Once `stop` holds for a worker after a chunk, no worker
    /// starts another.
    private func parallel(_ chunks: Range<Int>, _ workers: [Worker], stoppingWhen stop: (@Sendable (Worker) -> Bool)? = nil,
                          _ body: @escaping @Sendable (Worker, Int) -> Void) {
        let counter = ChunkCounter(chunks.lowerBound)
        let threads = min(workers.count, chunks.count)
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            let worker = workers[index]
            while true {
                let chunk = counter.next()
                guard chunk < chunks.upperBound else { return }
                body(worker, chunk)
                if let stop, stop(worker) { counter.skip(to: chunks.upperBound) }
            }
        }
    }
}

extension SimulationRun {
    /// `transform` applied to every element of `items` on up to `options.threads` threads.
    func concurrentMap<T: Sendable, R>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // The results are copied out below; release them before the memory goes.
            results.deinitialize()
            results.deallocate()
        }
        let slots = UnsafeSendable(results)
        let counter = ChunkCounter(0)
        DispatchQueue.concurrentPerform(iterations: min(options.threads, items.count)) { _ in
            while true {
                let i = counter.next()
                guard i < items.count else { return }
                slots.value[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }
}

/// The tallies of one streaming pass, output by output, in slots that threads fill without
/// locks: one slot per worker, or one per chunk when each replicate's counts must stay apart.
private final class TallySlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[OutputTally]>

    /// `count` slots of empty tallies; with `trialsPerSlot`, each tally makes room for the
    /// values its plan is expected to keep of that many trials (a few percent over).
    init(count: Int, plans: [KeepPlan], trialsPerSlot: Int = 0) {
        slots = .allocate(capacity: count)
        for slot in 0..<count {
            (slots.baseAddress! + slot).initialize(to: plans.map { plan in
                var tally = OutputTally(plan: plan)
                tally.reserve(kept: Int(1.05 * plan.keptShare * Double(trialsPerSlot)))
                return tally
            })
        }
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    subscript(slot: Int) -> [OutputTally] { slots[slot] }

    /// Tallies a block of `output` in `slot`, which only the calling thread uses meanwhile.
    func add(_ values: UnsafePointer<Double>, count: Int, slot: Int, output: Output, plan: KeepPlan) {
        slots[slot][output.rawValue].add(values, count: count, plan: plan)
    }

    /// Every slot's tallies, merged output by output.
    func merged() -> [OutputTally] {
        var tallies = slots[0]
        for slot in slots.dropFirst() {
            for output in tallies.indices { tallies[output].merge(slot[output]) }
        }
        return tallies
    }
}

/// A value shared between threads that write disjoint parts of it.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Hands out chunk indices to threads, each exactly once.
private final class ChunkCounter: Sendable {
    private let value: Atomic<Int>
    init(_ start: Int) { value = Atomic(start) }
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
    /// Makes every later ``next()`` return `end` or more.
    func skip(to end: Int) { value.store(end, ordering: .relaxed) }
}

private func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) * 1e-18
}




extension Simulation {
    /// Simulates `prior` with as many trials as `precision` needs.
    ///
    /// The first run has `options.trials` trials. After each run the worst relative half-width
    /// of the watched percentiles predicts the trials that reach the target (half-widths
    /// shrink as 1/√n), and the next run starts afresh with that many
    /// (``PrecisionTarget/nextTrials(after:halfWidth:)``), until the target is met or a run has
    /// `precision.maxTrials` trials. Every run uses the same seed, so the result is exactly
    /// what `--trials` with the final count gives, and the whole search is deterministic.
    public static func run(_ prior: Prior, options: SimulationOptions, precision: PrecisionTarget) throws(PriorError) -> SimulationResult {
        var options = options
        options.trials = min(options.trials, precision.maxTrials)
        var runs: [Int] = []
        while true {
            var result = try run(prior, options: options)
            runs.append(options.trials)
            let worst = precision.worst(in: result)
            if worst.halfWidth <= precision.relativeHalfWidth || options.trials >= precision.maxTrials {
                result.precision = PrecisionOutcome(target: precision, achieved: worst.halfWidth, worstOutput: worst.output,
                                                    worstPercentile: worst.percentile, runs: runs)
                return result
            }
            options.trials = precision.nextTrials(after: options.trials, halfWidth: worst.halfWidth)
        }
    }
}
