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
    let pilotChunks: Int
    let pilotTrials: Int
    /// Output sums per chunk and output, `chunk * outputs + output`.
    let chunkSums: UnsafeMutableBufferPointer<Double>
    /// The pilot's outputs, one column of `pilotTrials` values per output.
    let storage: UnsafeMutablePointer<Double>
    let storageColumns: OutputColumns
    var diagnostics = SimulationDiagnostics()

    static let outputCount = Output.allCases.count

    init(prior: Prior, options: SimulationOptions) {
        self.prior = prior
        self.options = options
        plan = ChunkPlan(trials: options.trials)
        seeder = ChunkSeeder(seed: options.seed)
        detailSeeder = ChunkSeeder(seed: options.seed, stream: 1)
        sensitivity = options.sensitivity ? SensitivityTally(prior: prior, trials: options.trials, chunks: plan.count) : nil
        pilotChunks = plan.chunks(covering: options.tuning.pilotTrials(for: options.trials))
        pilotTrials = plan.range(of: pilotChunks - 1).upperBound
        chunkSums = .allocate(capacity: plan.count * Self.outputCount)
        chunkSums.initialize(repeating: 0)
        storage = .allocate(capacity: pilotTrials * Self.outputCount)
        storageColumns = OutputColumns(base: storage, stride: pilotTrials)
    }

    deinit {
        chunkSums.deallocate()
        storage.deallocate()
    }

    func execute() throws(PriorError) -> SimulationResult {
        let clock = ContinuousClock()
        let started = clock.now
        let workers = (0..<min(options.threads, plan.count)).map { _ in Worker(prior: prior, blockSize: Simulation.blockSize, recordingLogarithms: options.sensitivity) }

        // The pilot: the first chunks, every output value held.
        parallel(0..<pilotChunks, workers) { worker, chunk in
            let start = self.plan.range(of: chunk).lowerBound
            self.simulate(chunk, worker, into: { self.storageColumns.advanced(by: start + $0) }) { block, count in
                self.account(block, count: count, chunk: chunk, worker: worker)
            }
        }
        try check(workers, trials: pilotTrials)
        diagnostics.pilotTrials = pilotTrials
        diagnostics.threads = workers.count

        var percentiles: [[Double]]
        if pilotChunks == plan.count {
            diagnostics.simulateSeconds = seconds(clock.now - started)
            let summarizing = clock.now
            let ranks = Percentile.ranks(options.percentiles, among: pilotTrials)
            percentiles = concurrentMap(Output.allCases) { output in
                let column = UnsafeBufferPointer(start: self.storageColumns[output], count: self.pilotTrials)
                let values = ExactPercentiles.orderStatistics(ofHeld: column, ranks: ranks, maxBuckets: self.options.tuning.maxBuckets)
                return Percentile.interpolate(self.options.percentiles, among: self.pilotTrials, orderStatistics: values)
            }
            diagnostics.keptValues = pilotTrials * Self.outputCount
            diagnostics.summarizeSeconds = seconds(clock.now - summarizing)
        } else {
            let planning = clock.now
            let plans = concurrentMap(Output.allCases) { output in
                KeepPlan(pilot: UnsafeBufferPointer(start: self.storageColumns[output], count: self.pilotTrials),
                         trials: self.options.trials, quantiles: self.options.percentiles.map { $0.value / 100 },
                         tuning: self.options.tuning)
            }
            diagnostics.planSeconds = seconds(clock.now - planning)
            let tallies = try stream(plans, workers)
            diagnostics.simulateSeconds = seconds(clock.now - started)
            let summarizing = clock.now
            percentiles = try orderStatistics(tallies, plans, workers)
            diagnostics.summarizeSeconds = seconds(clock.now - summarizing)
        }

        let outputs = Output.allCases.map { output in
            var sum = 0.0
            for chunk in 0..<plan.count { sum += chunkSums[chunk * Self.outputCount + output.rawValue] }
            return OutputSummary(output: output, mean: sum / Double(options.trials), percentiles: percentiles[output.rawValue])
        }
        return SimulationResult(trials: options.trials, seed: options.seed, percentiles: options.percentiles,
                                outputs: outputs, diagnostics: diagnostics,
                                sensitivity: sensitivity?.sensitivity(trials: options.trials, prior: prior))
    }

    /// Streams every chunk through the keep plans: the pilot's held values, then new chunks.
    private func stream(_ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> [OutputTally] {
        for worker in workers { worker.tallies = plans.map(OutputTally.init) }
        parallel(0..<plan.count, workers) { worker, chunk in
            if chunk < self.pilotChunks {
                self.tallyPilot(chunk, worker, plans)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }) { block, count in
                    let started = DispatchTime.now().uptimeNanoseconds
                    for output in Output.allCases {
                        let (sum, invalid) = worker.tallies[output.rawValue]!.add(block[output], count: count, plan: plans[output.rawValue])
                        self.chunkSums[chunk * Self.outputCount + output.rawValue] += sum
                        worker.invalidOutputs[output.rawValue] += invalid
                    }
                    worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - started
                }
            }
        }
        try check(workers, trials: options.trials)
        diagnostics.tallySeconds = Double(workers.reduce(0) { $0 + $1.tallyNanoseconds }) * 1e-9
        return merged(workers)
    }

    /// The percentiles of every output from the streamed tallies, with one more pass over the
    /// chunks for any rank that fell in a gap between the kept windows.
    private func orderStatistics(_ tallies: [OutputTally], _ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> [[Double]] {
        let ranks = Percentile.ranks(options.percentiles, among: options.trials)
        diagnostics.keptValues = tallies.reduce(0) { $0 + $1.keptCount }
        let results = concurrentMap(Output.allCases) { output in
            tallies[output.rawValue].orderStatistics(ranks: ranks, plan: plans[output.rawValue])
        }
        var found = results.map(\.found)
        if results.contains(where: { !$0.missing.isEmpty }) {
            diagnostics.fallbackPasses += 1
            let extraPlans = Output.allCases.map { KeepPlan(recovering: Array(results[$0.rawValue].missing.keys), of: plans[$0.rawValue]) }
            let extra = try streamAgain(extraPlans, workers)
            for output in Output.allCases where !results[output.rawValue].missing.isEmpty {
                tallies[output.rawValue].recover(results[output.rawValue].missing, into: &found[output.rawValue],
                                                 from: extra[output.rawValue], extraPlan: extraPlans[output.rawValue])
            }
        }
        return found.map { Percentile.interpolate(options.percentiles, among: options.trials, orderStatistics: $0) }
    }

    /// A second pass over every chunk, keeping the values of the buckets in `plans`.
    private func streamAgain(_ plans: [KeepPlan], _ workers: [Worker]) throws(PriorError) -> [OutputTally] {
        for worker in workers { worker.tallies = plans.map(OutputTally.init) }
        parallel(0..<plan.count, workers) { worker, chunk in
            if chunk < self.pilotChunks {
                self.tallyPilot(chunk, worker, plans)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }, recording: false) { block, count in
                    for output in Output.allCases {
                        worker.tallies[output.rawValue]!.add(block[output], count: count, plan: plans[output.rawValue])
                    }
                }
            }
        }
        return merged(workers)
    }

    private func tallyPilot(_ chunk: Int, _ worker: Worker, _ plans: [KeepPlan]) {
        let range = plan.range(of: chunk)
        let started = DispatchTime.now().uptimeNanoseconds
        for output in Output.allCases {
            worker.tallies[output.rawValue]!.add(storageColumns[output] + range.lowerBound, count: range.count, plan: plans[output.rawValue])
        }
        worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - started
    }

    private func merged(_ workers: [Worker]) -> [OutputTally] {
        var tallies = workers[0].tallies.map { $0! }
        for worker in workers.dropFirst() {
            for output in tallies.indices { tallies[output].merge(worker.tallies[output]!) }
        }
        for worker in workers { worker.tallies = Array(repeating: nil, count: Self.outputCount) }
        return tallies
    }

    // MARK: Sampling

    /// Samples and evaluates `chunk` block by block. `destination(offset)` says where the block
    /// starting `offset` trials into the chunk writes its outputs; `body` then sees them.
    /// With `recording`, the block also goes to the sensitivity tally (the first pass over a
    /// chunk records; a pass that draws it again does not).
    private func simulate(_ chunk: Int, _ worker: Worker, into destination: (Int) -> OutputColumns, recording: Bool = true,
                          _ body: (OutputColumns, Int) -> Void) {
        let generator = Generator(seed: seeder.seed(forChunk: chunk))
        let detail = sensitivity == nil ? nil : Generator(seed: detailSeeder.seed(forChunk: chunk))
        let range = plan.range(of: chunk)
        var offset = 0
        while offset < range.count {
            let count = min(Simulation.blockSize, range.count - offset)
            worker.sampler.draw(count: count, using: generator, detail: detail)
            let block = destination(offset)
            Model.evaluate(worker.sampler.inputs, into: block, count: count)
            if recording, let sensitivity, let logarithms = worker.sampler.logarithms {
                sensitivity.add(chunk: chunk, start: range.lowerBound + offset, count: count, logarithms: logarithms, block: block)
            }
            body(block, count)
            offset += count
        }
    }

    /// Adds a pilot block's outputs to its chunk's sums and counts values that left the range
    /// of positive finite doubles. (Streamed blocks do this while they are tallied.)
    private func account(_ block: OutputColumns, count: Int, chunk: Int, worker: Worker) {
        for output in Output.allCases {
            let column = block[output]
            // Four running sums, added in a fixed order, so the loop vectorizes and the total
            // is the same on every run.
            var sums = SIMD4<Double>()
            var invalid = 0
            var i = 0
            while i + 4 <= count {
                let v = SIMD4(column[i], column[i + 1], column[i + 2], column[i + 3])
                sums += v
                i += 4
            }
            var sum = sums.sum()
            while i < count { sum += column[i]; i += 1 }
            for i in 0..<count { invalid &+= column[i] > 0 && column[i] < .infinity ? 0 : 1 }
            chunkSums[chunk * Self.outputCount + output.rawValue] += sum
            worker.invalidOutputs[output.rawValue] += invalid
        }
    }

    /// Throws for the first input (in model order), then the first output, with samples the
    /// equations cannot use.
    private func check(_ workers: [Worker], trials: Int) throws(PriorError) {
        for input in Input.allCases {
            let invalid = workers.reduce(0) { $0 + $1.sampler.invalid[input.rawValue] }
            guard invalid > 0 else { continue }
            let entry = prior[input]
            let spec = input.spec
            throw PriorError(
                file: prior.source, line: entry.line, input: spec.name,
                message: "\(invalid) of \(trials) samples (\(percent(invalid, trials))) fall outside the input's domain (it must be \(spec.domain.requirement)); \"\(entry.written ?? "")\" puts \(percent(entry.distribution.mass(outside: spec.domain))) of its mass there. aisim never drops or clamps samples: narrow the distribution or pick a family that stays in the domain, such as \"a to b\" (a lognormal) for a positive quantity")
        }
        let overflowing = Output.allCases.compactMap { output -> String? in
            let invalid = workers.reduce(0) { $0 + $1.invalidOutputs[output.rawValue] }
            return invalid == 0 ? nil : "\(output.spec.name) in \(invalid) of \(trials) trials (\(percent(invalid, trials)))"
        }
        if !overflowing.isEmpty {
            throw PriorError(
                file: prior.source,
                message: "outputs leave the range of double precision (overflow to infinity or underflow to zero): \(overflowing.joined(separator: ", ")); the prior's ranges are too wide")
        }
    }

    // MARK: Threads

    /// Runs `body` for every chunk in `chunks`, on one thread per worker, each taking the next
    /// chunk from a shared counter.
    private func parallel(_ chunks: Range<Int>, _ workers: [Worker], _ body: @escaping @Sendable (Worker, Int) -> Void) {
        let counter = ChunkCounter(chunks.lowerBound)
        let threads = min(workers.count, chunks.count)
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            let worker = workers[index]
            while true {
                let chunk = counter.next()
                guard chunk < chunks.upperBound else { return }
                body(worker, chunk)
            }
        }
    }
}

extension SimulationRun {
    /// `transform` applied to every element of `items` on up to `options.threads` threads.
    func concurrentMap<T: Sendable, R>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
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
}

private func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) * 1e-18
}

private func percent(_ part: Int, _ whole: Int) -> String { percent(Double(part) / Double(whole)) }

/// A share as a percentage with two significant digits: "0.0031%", "50%".
private func percent(_ share: Double) -> String {
    String(format: "%.2g%%", share * 100)
}
