import Foundation

/// The state of one run, shared by its threads. Every mutable piece is either owned by one
/// chunk (its sums), owned by one worker, or written before the threads start.
final class SimulationRun: @unchecked Sendable {
    let prior: Prior
    let options: SimulationOptions
    let plan: ChunkPlan
    let seeder: ChunkSeeder
    let sensitivity: SensitivityTally?
    /// The chunks this run simulates: all of them, or a shard's range.
    let chunks: Range<Int>
    let pilotChunks: Int
    let pilotTrials: Int
    /// Output moments per chunk and output, `chunk * outputs + output`, merged block by block
    /// in the chunk's order.
    let chunkMoments: UnsafeMutableBufferPointer<BlockMoments>
    /// Trials past each threshold per chunk, `chunk * thresholds + t`, for a design, whose
    /// intervals need each replicate's count (random sampling sums per worker only).
    let chunkThresholdCounts: UnsafeMutableBufferPointer<Int>
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
        sensitivity =
            options.sensitivity ? SensitivityTally(prior: prior, trials: options.trials, chunks: plan.count) : nil
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
        chunkThresholdCounts = .allocate(
            capacity: options.method == .random ? 0 : plan.count * options.thresholds.count)
        chunkThresholdCounts.initialize(repeating: 0)
        storage = .allocate(capacity: pilotTrials * summarised.count)
        held = Output.allCases.map { [storage, pilotTrials, summarised] output in
            summarised.firstIndex(of: output).map { storage + $0 * pilotTrials }
        }
    }

    deinit {
        chunkMoments.deallocate()
        chunkThresholdCounts.deallocate()
        storage.deallocate()
    }

    /// Whether the run samples a Latin hypercube or Sobol design, one replicate per chunk.
    var replicated: Bool { options.method != .random }

    /// One worker per thread, at most one per chunk.
    func workers() -> [ThreadWorkspace] {
        (0..<min(options.threads, chunks.count)).map {
            let worker = ThreadWorkspace(
                index: $0, prior: prior, blockSize: Block.size, recordingLogarithms: options.sensitivity,
                keepingProductMembers: options.samples != nil, method: options.method)
            if options.summary == .exact {
                worker.histograms = options.distributionsKept.map { _ in
                    QuantileSketch(accuracy: SimulationOptions.histogramAccuracy)
                }
            }
            if let sensitivity { worker.sensitivityRow = [Double](repeating: 0, count: sensitivity.rowLength) }
            worker.thresholdCounts = [Int](repeating: 0, count: options.thresholds.count)
            return worker
        }
    }

    /// Where chunk `chunk`'s moments of `output` live in ``chunkMoments``.
    func momentSlot(_ chunk: Int, _ output: Output) -> Int {
        (chunk - chunks.lowerBound) * Self.outputCount + output.rawValue
    }
}
