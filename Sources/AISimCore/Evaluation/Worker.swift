/// One thread's scratch space: a block of input columns, a block of output columns, a spare
/// column, and what the thread has counted so far. Constant columns (point inputs, and the
/// 1s of product units) are filled once, when the worker is made.
final class Worker: @unchecked Sendable {
    let inputs: InputColumns
    let scratch: OutputColumns
    /// A column for drawing one factor of a product unit.
    let spare: UnsafeMutablePointer<Double>
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

    init(plan: SamplingPlan, blockSize: Int) {
        spare = .allocate(capacity: blockSize)
        spare.initialize(repeating: 0, count: blockSize)
        inputBuffer = .allocate(capacity: Input.allCases.count * blockSize)
        outputBuffer = .allocate(capacity: Output.allCases.count * blockSize)
        inputBuffer.initialize(repeating: 0, count: Input.allCases.count * blockSize)
        outputBuffer.initialize(repeating: 0, count: Output.allCases.count * blockSize)
        inputs = InputColumns(base: inputBuffer, stride: blockSize)
        scratch = OutputColumns(base: outputBuffer, stride: blockSize)
        for (input, value) in plan.constants {
            inputs[input].update(repeating: value, count: blockSize)
        }
    }

    deinit {
        spare.deallocate()
        inputBuffer.deallocate()
        outputBuffer.deallocate()
    }
}
