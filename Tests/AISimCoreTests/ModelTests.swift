import AISimCore
import Foundation
import Testing

@Suite("Model equations")
struct ModelTests {
    /// Evaluates the model once at the given input values.
    func evaluate(_ values: [Input: Double]) -> [Output: Double] {
        var inputs = Input.allCases.map { values[$0] ?? $0.spec.postValue }
        var outputs = [Double](repeating: .nan, count: Output.allCases.count)
        inputs.withUnsafeMutableBufferPointer { x in
            outputs.withUnsafeMutableBufferPointer { y in
                Model.evaluate(InputColumns(base: x.baseAddress!, stride: 1), into: OutputColumns(base: y.baseAddress!, stride: 1), count: 1)
            }
        }
        return Dictionary(uniqueKeysWithValues: Output.allCases.map { ($0, outputs[$0.rawValue]) })
    }

    @Test("the post's point gives MODEL.md's worked numbers to their five figures")
    func postPoint() {
        let y = evaluate([:])
        #expect(fiveFigures(y[.clusterFlops]!) == fiveFigures(1e21))
        #expect(fiveFigures(y[.trainingFlop]!) == fiveFigures(3.1558e28))
        #expect(fiveFigures(y[.params]!) == fiveFigures(1.6217e13))
        #expect(fiveFigures(y[.trainingTokens]!) == fiveFigures(3.2433e14))
        #expect(fiveFigures(y[.parallelTokensPerS]!) == fiveFigures(3.0832e7))
        #expect(fiveFigures(y[.streams]!) == fiveFigures(6.1665e5))
    }

    @Test("the inputs a prior leaves out take the post's values from MODEL.md's table")
    func postValues() {
        let expected: [String: Double] = [
            "world_flops": 4e21, "ai_share": 0.25, "training_years": 1, "horizon": 1, "tokens_per_param": 20,
            "train_flop_per_param_token": 6, "infer_flop_per_param_token": 2, "precision_speedup": 1,
            "distillation_speedup": 1, "serial_tokens_per_s": 50,
        ]
        #expect(Dictionary(uniqueKeysWithValues: Input.allCases.map { ($0.spec.name, $0.spec.postValue) }) == expected)
        #expect(Output.allCases.map(\.spec.name) == ["parallel_tokens_per_s", "streams", "params", "training_tokens", "training_flop", "cluster_flops"])
    }

    @Test("P = speedups · (train FLOP / infer FLOP) · D / T holds on random inputs")
    func identity() {
        let generator = Generator(seed: 7)
        for _ in 0..<1000 {
            var x: [Input: Double] = [:]
            for input in Input.allCases {
                // Log-uniform over six orders of magnitude; shares stay in (0, 1].
                let value = exp((generator.uniform() - 0.5) * 6 * log(10.0))
                x[input] = input == .aiShare ? generator.uniform() * 0.999 + 0.001 : value
            }
            let y = evaluate(x)
            let seconds = x[.trainingYears]! * Model.secondsPerYear
            let speedups = x[.precisionSpeedup]! * x[.distillationSpeedup]!
            let identity = speedups * (x[.trainFlopPerParamToken]! / x[.inferFlopPerParamToken]!) * y[.trainingTokens]! / seconds
            #expect(abs(identity / y[.parallelTokensPerS]! - 1) < 1e-12)
            #expect(abs(y[.streams]! * x[.serialTokensPerS]! / y[.parallelTokensPerS]! - 1) < 1e-14)
        }
    }

    @Test("parameters follow √C: quadrupling world compute doubles N and P")
    func squareRootScaling() {
        let base = evaluate([:]), scaled = evaluate([.worldFlops: 16e21])
        #expect(abs(scaled[.params]! / base[.params]! - 2) < 1e-12)
        #expect(abs(scaled[.parallelTokensPerS]! / base[.parallelTokensPerS]! - 2) < 1e-12)
    }
}
