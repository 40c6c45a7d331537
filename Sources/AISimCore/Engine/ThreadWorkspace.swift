/// One thread's working set: its input sampler, a block of output columns (and of design
/// points, for Latin hypercube and Sobol runs), and what the thread has counted so far.
final class ThreadWorkspace: @unchecked Sendable {
    /// The worker's place among the run's workers.
    let index: Int
    let sampler: InputSampler
    let evaluator: ModelEvaluator
    let scratch: OutputColumns
    /// A block of design points, one column per dimension (empty for random sampling).
    let uniforms: UnsafeMutablePointer<Double>
    private let outputBuffer: UnsafeMutablePointer<Double>
    /// Outputs that overflowed or underflowed, by ``Output`` raw value.
    var invalidOutputs = [Int](repeating: 0, count: Output.allCases.count)
    /// Trials past each of the run's thresholds so far.
    var thresholdCounts: [Int] = []
    /// Time this worker spent tallying values for the percentile summary.
    var tallyNanoseconds: UInt64 = 0
    /// Time this worker spent summing values for the means and their standard errors.
    var momentNanoseconds: UInt64 = 0
    /// One quantile sketch per output while a sketch-mode pass runs.
    var sketches: [QuantileSketch] = []
    /// One coarse sketch per output of ``SimulationOptions/histograms``, in exact mode.
    var histograms: [QuantileSketch] = []
    /// The sensitivity sums of the chunk this worker is simulating
    /// (``SensitivityTally/rowLength`` of them, when the run has a sensitivity analysis).
    var sensitivityRow: [Double] = []

    init(
        index: Int, prior: Prior, blockSize: Int, recordingLogarithms: Bool, keepingProductMembers: Bool,
        method: SamplingMethod
    ) {
        self.index = index
        sampler = InputSampler(
            prior: prior, blockSize: blockSize, recordingLogarithms: recordingLogarithms,
            keepingProductMembers: keepingProductMembers, method: method)
        evaluator = ModelEvaluator(for: sampler, blockSize: blockSize)
        outputBuffer = .allocate(capacity: Output.allCases.count * blockSize)
        outputBuffer.initialize(repeating: 0, count: Output.allCases.count * blockSize)
        scratch = OutputColumns(base: outputBuffer, stride: blockSize)
        let points = method == .random ? 0 : sampler.plan.dimensions * blockSize
        uniforms = .allocate(capacity: points)
        uniforms.initialize(repeating: 0, count: points)
    }

    deinit {
        outputBuffer.deallocate()
        uniforms.deallocate()
    }
}
