import Foundation
import Testing

@testable import AISimCore

/// The model's later inputs: utilisation, serial speed derived from model size, and the
/// human comparison, against hand calculations.
@Suite("Utilisation, derived serial speed and the human comparison")
struct ModelExtensionTests {
    /// The post's point, with `changes` applied.
    func point(_ changes: [Input: Double] = [:]) -> [Double] {
        Input.allCases.map { changes[$0] ?? $0.spec.postValue }
    }

    @Test("equal utilisation u scales tokens/s by √u; 55.65% gives the post's 23 million within 1%")
    func utilisation() throws {
        let full = Model.evaluate(point: point())[Output.parallelTokensPerS.rawValue]
        for u in [0.25, 0.5565, 1.0] {
            let y = Model.evaluate(point: point([.trainUtilization: u, .inferUtilization: u]))
            #expect(abs(y[Output.parallelTokensPerS.rawValue] / (full * u.squareRoot()) - 1) < 1e-12, "u = \(u)")
        }
        let result = try Simulation.run(
            try shippedPrior("post-utilization.toml"), options: SimulationOptions(trials: 100))
        #expect(abs(result[.parallelTokensPerS].percentiles[4] / 23e6 - 1) < 0.01)
        // Inference utilisation alone scales tokens/s in proportion; training utilisation alone as 1/√u.
        let infer = Model.evaluate(point: point([.inferUtilization: 0.5]))[Output.parallelTokensPerS.rawValue]
        let train = Model.evaluate(point: point([.trainUtilization: 0.25]))[Output.parallelTokensPerS.rawValue]
        #expect(abs(infer / full - 0.5) < 1e-12 && abs(train / full - 2) < 1e-12)
    }

    @Test("utilisation of 1 changes no bit of any output")
    func identity() {
        let x = point([.worldFlops: 3.7e21, .aiShare: 0.31, .horizon: 17, .precisionSpeedup: 2.3])
        var y = Model.evaluate(point: x)
        // The same arithmetic as before utilisation existed: F, C, N, D, P, S.
        let cluster = x[0] * x[1]
        let training = cluster * x[2] * Model.secondsPerYear
        let params = (training / (x[5] * (x[4] * x[3]))).squareRoot()
        let parallel = x[7] * x[8] * cluster / (x[6] * params)
        #expect(
            y[Output.clusterFlops.rawValue] == cluster && y[Output.trainingFlop.rawValue] == training
                && y[Output.params.rawValue] == params)
        #expect(y[Output.parallelTokensPerS.rawValue] == parallel && y[Output.streams.rawValue] == parallel / x[9])
        y = Model.evaluate(point: x.enumerated().map { $0.offset == Input.inferUtilization.rawValue ? 1 : $0.element })
        #expect(y[Output.parallelTokensPerS.rawValue] == parallel)
    }

    @Test("the derived serial speed matches a hand calculation, and 16 times the parameters halves it at exponent 0.25")
    func derivedSerial() {
        let x = point([
            .serialRefTokensPerS: 40, .serialRefParams: 1.75e11, .serialSizeExponent: 0.25, .serialHardwareSpeedup: 1.5,
        ])
        let y = Model.evaluate(point: x, configuration: Model.Configuration(derivedSerialSpeed: true))
        let params = y[Output.params.rawValue]
        let speed = 40 * 1.5 * pow(params / 1.75e11, -0.25)
        #expect(abs(y[Output.streams.rawValue] / (y[Output.parallelTokensPerS.rawValue] / speed) - 1) < 1e-14)
        #expect(abs(y[Output.humanSpeedMultiple.rawValue] / (speed / (5 * 4.0 / 3)) - 1) < 1e-14)
        // params grows as √C: 256 times the compute is 16 times the parameters.
        var bigger = x
        bigger[Input.worldFlops.rawValue] *= 256
        let z = Model.evaluate(point: bigger, configuration: Model.Configuration(derivedSerialSpeed: true))
        #expect(abs(z[Output.params.rawValue] / params - 16) < 1e-9)
        let serial = { (y: [Double]) in y[Output.parallelTokensPerS.rawValue] / y[Output.streams.rawValue] }
        #expect(abs(serial(z) / serial(y) - 0.5) < 1e-12)
    }

    @Test("researcher_multiple is tokens/s per human AI researcher")
    func researchers() {
        let y = Model.evaluate(point: point([.humanAIResearchers: 8e4]))
        #expect(abs(y[Output.researcherMultiple.rawValue] - y[Output.parallelTokensPerS.rawValue] / 8e4) < 1e-9)
    }

    @Test(
        "serial speed given both ways, and utilisation outside (0, 1], are errors naming the input",
        arguments: [
            (
                "[inputs]\nserial_tokens_per_s = 50\nserial_size_exponent = 0.3\n",
                "test.toml:3: serial_size_exponent: sets the derived serial speed, but serial_tokens_per_s is given as 50"
            ),
            (
                "[inputs]\nserial_ref_params = 1e12\n",
                "test.toml:2: serial_ref_params: sets the derived serial speed, but serial_tokens_per_s is left at the post's 50"
            ),
            (
                "[inputs]\ntrain_utilization = 1.2\n",
                "test.toml:2: train_utilization: 1.2 is outside the input's domain: it must be in (0, 1]"
            ),
            (
                "[inputs]\ninfer_utilization = 0\n",
                "test.toml:2: infer_utilization: 0 is outside the input's domain: it must be in (0, 1]"
            ),
        ])
    func errors(text: String, expected: String) {
        #expect { _ = try prior(text) } throws: { "\($0)".hasPrefix(expected) }
    }

    @Test("the optional inputs and outputs are listed only when a prior sets them")
    func visibility() throws {
        let plain = try prior("[inputs]\nhorizon = 10\n")
        #expect(plain.listedEntries.count == 10 && plain.reportedOutputs.count == 6 && !plain.derivesSerialSpeed)
        let derived = try prior("[inputs]\nserial_tokens_per_s = \"derived\"\nhuman_words_per_s = 4\n")
        #expect(
            derived.derivesSerialSpeed && derived.lists(.serialRefParams) && derived.lists(.humanWordsPerS)
                && !derived.lists(.trainUtilization))
        #expect(derived.reportedOutputs == Output.allCases.filter { $0 != .researcherMultiple && $0 != .runFlops })
    }
}
