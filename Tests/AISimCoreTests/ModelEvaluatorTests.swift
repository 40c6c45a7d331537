import Foundation
import Testing

@testable import AISimCore

/// ModelEvaluator.swift: the steps run over columns give, bit for bit, the formulas written
/// out by hand; a product that overflows on its way to a result that fits is evaluated again
/// in log space; a result that does not fit stays out of range.
@Suite("Model evaluator")
struct ModelEvaluatorTests {
    /// The equations of MODEL.md written out as plain Swift, in the order of their text, with the
    /// evaluator's pow (libmvec's, through ColumnMath, which gives an element the same bits wherever
    /// it sits).
    static func handWritten(_ x: [Double], derived: Bool) -> [Double] {
        func v(_ input: Input) -> Double { x[input.rawValue] }
        func pow(_ base: Double, _ exponent: Double) -> Double {
            var out = 0.0
            ColumnMath.pow([base], [exponent], into: &out, count: 1)
            return out
        }
        let cluster = v(.worldFlops) * v(.aiShare)
        let training = cluster * v(.trainUtilization) * v(.trainingYears) * Model.secondsPerYear
        let perParameter = v(.tokensPerParam) * v(.horizon)
        let params = (training / (v(.trainFlopPerParamToken) * perParameter)).squareRoot()
        let tokens = perParameter * params
        let parallel =
            v(.precisionSpeedup) * v(.distillationSpeedup) * v(.inferUtilization) * cluster
            / (v(.inferFlopPerParamToken) * params)
        let serial =
            derived
            ? v(.serialRefTokensPerS) * v(.serialHardwareSpeedup)
                * pow(params / v(.serialRefParams), -v(.serialSizeExponent))
            : v(.serialTokensPerS)
        var y = [Double](repeating: 0, count: Output.allCases.count)
        y[Output.clusterFlops.rawValue] = cluster
        y[Output.trainingFlop.rawValue] = training
        y[Output.params.rawValue] = params
        y[Output.trainingTokens.rawValue] = tokens
        y[Output.parallelTokensPerS.rawValue] = parallel
        y[Output.streams.rawValue] = parallel / serial
        y[Output.researcherMultiple.rawValue] = parallel / v(.humanAIResearchers)
        y[Output.humanSpeedMultiple.rawValue] = serial / (v(.humanWordsPerS) * Model.tokensPerWord)
        // Without deploy_share no step computes run_flops: the evaluator holds it at 1.
        y[Output.runFlops.rawValue] = 1
        return y
    }

    /// The logarithms of the outputs, from the logarithms of the inputs, written out by hand.
    static func handWrittenLog(_ x: [Double], derived: Bool) -> [Double] {
        func v(_ input: Input) -> Double { log(x[input.rawValue]) }
        let cluster = v(.worldFlops) + v(.aiShare)
        let training = cluster + v(.trainUtilization) + v(.trainingYears) + log(Model.secondsPerYear)
        let params = (training - v(.trainFlopPerParamToken) - v(.tokensPerParam) - v(.horizon)) / 2
        let parallel =
            v(.precisionSpeedup) + v(.distillationSpeedup) + v(.inferUtilization) + cluster - v(.inferFlopPerParamToken)
            - params
        let serial =
            derived
            ? v(.serialRefTokensPerS) + v(.serialHardwareSpeedup) - x[Input.serialSizeExponent.rawValue]
                * (params - v(.serialRefParams))
            : v(.serialTokensPerS)
        var y = [Double](repeating: 0, count: Output.allCases.count)
        y[Output.clusterFlops.rawValue] = cluster
        y[Output.trainingFlop.rawValue] = training
        y[Output.params.rawValue] = params
        y[Output.trainingTokens.rawValue] = v(.tokensPerParam) + v(.horizon) + params
        y[Output.parallelTokensPerS.rawValue] = parallel
        y[Output.streams.rawValue] = parallel - serial
        y[Output.researcherMultiple.rawValue] = parallel - v(.humanAIResearchers)
        y[Output.humanSpeedMultiple.rawValue] = serial - v(.humanWordsPerS) - log(Model.tokensPerWord)
        return y
    }

    /// Random inputs over twelve orders of magnitude (shares in (0, 1]).
    static func randomInputs(_ generator: Generator) -> [Double] {
        Input.allCases.map { input in
            input.spec.domain == .unitInterval
                ? 0.001 + 0.999 * generator.uniform() : exp((generator.uniform() - 0.5) * 12 * log(10.0))
        }
    }

    /// One block of `trials` through an evaluator, as columns: output `o` of trial `i` at
    /// `o.rawValue * trials.count + i`.
    static func evaluate(_ trials: [[Double]], derived: Bool, constants: [(Input, Double)] = []) -> [Double] {
        let count = trials.count
        var x = [Double](repeating: 0, count: Input.allCases.count * count)
        for (i, trial) in trials.enumerated() {
            for input in Input.allCases { x[input.rawValue * count + i] = trial[input.rawValue] }
        }
        var y = [Double](repeating: .nan, count: Output.allCases.count * count)
        let evaluator = ModelEvaluator(
            configuration: Model.Configuration(derivedSerialSpeed: derived), blockSize: count, constants: constants)
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                evaluator.evaluate(
                    InputColumns(base: x.baseAddress!, stride: count),
                    into: OutputColumns(base: y.baseAddress!, stride: count), count: count)
            }
        }
        return y
    }

    @Test(
        "a block of 1,000 random trials gives exactly the hand-written formulas, with serial speed given or derived",
        arguments: [false, true])
    func bitForBit(derived: Bool) {
        let generator = Generator(seed: 3)
        let count = 1000
        let trials = (0..<count).map { _ in Self.randomInputs(generator) }
        let y = Self.evaluate(trials, derived: derived)
        var repaired = 0
        for (i, trial) in trials.enumerated() {
            let expected = Self.handWritten(trial, derived: derived)
            for output in Output.allCases {
                let value = y[output.rawValue * count + i]
                let direct = expected[output.rawValue]
                if direct > 0 && direct < .infinity {
                    #expect(value.bitPattern == direct.bitPattern, "\(output.spec.name) trial \(i)")
                } else {
                    // The direct formula underflowed or overflowed: the evaluator's log-space
                    // value must match the formula's logarithm (1e-12 of log y covers exp's
                    // rounding; subnormal results keep fewer digits and are only required > 0).
                    repaired += 1
                    let logExpected = Self.handWrittenLog(trial, derived: derived)[output.rawValue]
                    if logExpected > log(Double.greatestFiniteMagnitude) {
                        #expect(value == .infinity)
                    } else if logExpected < log(Double.leastNormalMagnitude) {
                        #expect(value >= 0 && value < Double.leastNormalMagnitude)
                    } else {
                        #expect(
                            abs(log(value) - logExpected) < 1e-12 * abs(logExpected), "\(output.spec.name) trial \(i)")
                    }
                }
            }
        }
        // With a derived serial speed, a power of inputs over twelve decades leaves Double in
        // some trials: the test then sees both paths.
        if derived { #expect(repaired > 0) }
    }

    @Test(
        "a product that overflows on the way to a result that fits is evaluated in log space",
        arguments: [
            // precision_speedup × distillation × F overflows; P = 1e288 × 3.0832e7 does not.
            ([Input.precisionSpeedup: 1e288], Output.parallelTokensPerS, 1e288 * 3.0832e7),
            // tokens_per_param × H is 2e308, beyond Double; N = √(C / (6 × 2e308)) is 1.6217e-141.
            ([.horizon: 1e307], .params, 1.6217e13 / 1e307.squareRoot()),
            ([.horizon: 1e307], .trainingTokens, 3.2433e14 * 1e307.squareRoot()),
            // serial speed 1e-300: S = 3.0832e7 / 1e-300 fits.
            ([.serialTokensPerS: 1e-300], .streams, 3.0832e7 / 1e-300),
        ])
    func logSpace(_ set: [Input: Double], _ output: Output, _ expected: Double) {
        let y = Model.evaluate(point: Input.allCases.map { set[$0] ?? $0.spec.postValue })
        // MODEL.md's five figures, so the tolerance is 5e-5.
        #expect(abs(y[output.rawValue] / expected - 1) < 5e-5, "\(y[output.rawValue])")
        #expect(Output.allCases.allSatisfy { y[$0.rawValue] > 0 && y[$0.rawValue] < .infinity })
    }

    @Test("a result beyond Double stays infinite, so the run reports the overflow")
    func realOverflow() throws {
        let y = Model.evaluate(point: Input.allCases.map { $0 == .precisionSpeedup ? 1e302 : $0.spec.postValue })
        #expect(y[Output.parallelTokensPerS.rawValue] == .infinity)
        let prior = try Prior.parse("[inputs]\nprecision_speedup = 1e302\n", source: "o.toml")
        #expect(throws: PriorError.self) {
            try Simulation.run(prior, options: SimulationOptions(trials: 10, seed: 1, threads: 1))
        }
        let fits = try Prior.parse("[inputs]\nprecision_speedup = 1e288\n", source: "o.toml")
        let result = try Simulation.run(fits, options: SimulationOptions(trials: 10, seed: 1, threads: 1))
        #expect(abs(result[.parallelTokensPerS].mean / 3.0832e295 - 1) < 5e-5)
    }

    @Test(
        "inputs held constant give the same bits read as numbers as read from their columns, and a derived serial speed is not read as its placeholder",
        arguments: [false, true])
    func constantsKeepBits(derived: Bool) {
        let generator = Generator(seed: 5)
        let count = 1000
        // Product members at 1, point inputs at other values, and serial_tokens_per_s, which a
        // derived serial speed overwrites.
        let constants: [(Input, Double)] = [
            (.aiShare, 1), (.horizon, 1), (.distillationSpeedup, 1), (.trainFlopPerParamToken, 6),
            (.inferFlopPerParamToken, 2), (.trainUtilization, 0.4), (.humanWordsPerS, 3), (.serialTokensPerS, 50),
        ]
        let trials = (0..<count).map { _ in
            var trial = Self.randomInputs(generator)
            for (input, value) in constants { trial[input.rawValue] = value }
            return trial
        }
        let fromColumns = Self.evaluate(trials, derived: derived)
        let fromNumbers = Self.evaluate(trials, derived: derived, constants: constants)
        for output in Output.allCases {
            let mismatches = (0..<count).filter { i in
                fromColumns[output.rawValue * count + i].bitPattern
                    != fromNumbers[output.rawValue * count + i].bitPattern
            }
            #expect(mismatches.count == 0, "\(output.spec.name): trials \(mismatches.prefix(3)) and others differ")
        }
    }
}
