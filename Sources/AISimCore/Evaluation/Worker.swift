/// One thread's working set: its input sampler, a block of output columns, and what the
/// thread has counted so far.
final class Worker: @unchecked Sendable {
    let sampler: InputSampler
    let scratch: OutputColumns
    private let outputBuffer: UnsafeMutablePointer<Double>
    /// Outputs that overflowed or underflowed, by ``Output`` raw value.
    var invalidOutputs = [Int](repeating: 0, count: Output.allCases.count)
    /// Time this worker spent tallying values for the percentile summary.
    var tallyNanoseconds: UInt64 = 0
    /// One tally per output while a streaming pass runs.
    var tallies: [OutputTally?] = Array(repeating: nil, count: Output.allCases.count)

    init(prior: Prior, blockSize: Int, recordingLogarithms: Bool) {
        sampler = InputSampler(prior: prior, blockSize: blockSize, recordingLogarithms: recordingLogarithms)
        outputBuffer = .allocate(capacity: Output.allCases.count * blockSize)
        outputBuffer.initialize(repeating: 0, count: Output.allCases.count * blockSize)
        scratch = OutputColumns(base: outputBuffer, stride: blockSize)
    }

    deinit { outputBuffer.deallocate() }
}
