/// One thread's scratch space: a block of input columns, a block of output columns, and what
/// the thread has counted so far. Point-valued inputs are filled once, when the worker is made.
final class Worker: @unchecked Sendable {
    let inputs: InputColumns
    let scratch: OutputColumns
    private let inputBuffer: UnsafeMutablePointer<Double>
    private let outputBuffer: UnsafeMutablePointer<Double>
    /// Samples outside each input's domain, by ``Input`` raw value.
    var invalidInputs = [Int](repeating: 0, count: Input.allCases.count)
    /// Outputs that overflowed or underflowed, by ``Output`` raw value.
    var invalidOutputs = [Int](repeating: 0, count: Output.allCases.count)
    /// Time this worker spent tallying values for the percentile summary.
    var tallyNanoseconds: UInt64 = 0
    /// One tally per output while a streaming pass runs.
    var tallies: [OutputTally?] = Array(repeating: nil, count: Output.allCases.count)

    init(prior: Prior, blockSize: Int) {
        inputBuffer = .allocate(capacity: Input.allCases.count * blockSize)
        outputBuffer = .allocate(capacity: Output.allCases.count * blockSize)
        inputBuffer.initialize(repeating: 0, count: Input.allCases.count * blockSize)
        outputBuffer.initialize(repeating: 0, count: Output.allCases.count * blockSize)
        inputs = InputColumns(base: inputBuffer, stride: blockSize)
        scratch = OutputColumns(base: outputBuffer, stride: blockSize)
        for entry in prior.entries {
            if case .point(let value) = entry.distribution {
                inputs[entry.input].update(repeating: value, count: blockSize)
            }
        }
    }

    deinit {
        inputBuffer.deallocate()
        outputBuffer.deallocate()
    }
}
