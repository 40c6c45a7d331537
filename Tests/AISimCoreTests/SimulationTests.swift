import AISimCore
import CGSL
import Foundation
import Testing

@Suite("Simulation")
struct SimulationTests {
    /// Streams everything past a small pilot, so modest runs exercise the windowed summary.
    static var streaming: SummaryTuning {
        var tuning = SummaryTuning()
        tuning.keepAllLimit = 0
        tuning.minimumPilot = 1 << 16
        return tuning
    }

    func run(
        _ prior: Prior, trials: Int, seed: UInt64 = 1, threads: Int = 1,
        percentiles: [Percentile] = Percentile.defaults, tuning: SummaryTuning = SummaryTuning()
    ) throws -> SimulationResult {
        try Simulation.run(
            prior,
            options: SimulationOptions(
                trials: trials, seed: seed, threads: threads,
                percentiles: percentiles, tuning: tuning))
    }

    @Test("post-point.toml reproduces MODEL.md's worked numbers")
    func postPoint() throws {
        let result = try run(try shippedPrior("post-point.toml"), trials: 1000)
        let expected: [Output: Double] = [
            .clusterFlops: 1e21, .trainingFlop: 3.1558e28, .params: 1.6217e13,
            .trainingTokens: 3.2433e14, .parallelTokensPerS: 3.0832e7, .streams: 6.1665e5,
        ]
        for (output, value) in expected {
            #expect(fiveFigures(result[output].percentiles[4]) == fiveFigures(value), "\(output.spec.name) p50")
            #expect(fiveFigures(result[output].mean) == fiveFigures(value), "\(output.spec.name) mean")
        }
    }

    @Test("one seed gives identical results on 1, 2 and 3 threads", arguments: [false, true])
    func threadCountIndependence(streamed: Bool) throws {
        let prior = try EmbeddedPrior.load()
        let tuning = streamed ? Self.streaming : SummaryTuning()
        let one = try run(prior, trials: 300_001, seed: 42, threads: 1, tuning: tuning)
        for threads in [2, 3] {
            let other = try run(prior, trials: 300_001, seed: 42, threads: threads, tuning: tuning)
            #expect(other.outputs == one.outputs, "\(threads) threads")
        }
    }

    @Test("different seeds give different results")
    func seedsDiffer() throws {
        let prior = try EmbeddedPrior.load()
        let a = try run(prior, trials: 50_000, seed: 1)
        let b = try run(prior, trials: 50_000, seed: 2)
        for output in prior.reportedOutputs {
            #expect(a[output].percentiles != b[output].percentiles, "\(output.spec.name)")
            #expect(a[output].mean != b[output].mean)
        }
    }

    @Test("a shorter run is the start of a longer one: chunks do not depend on the trial count")
    func prefix() throws {
        let prior = try EmbeddedPrior.load()
        let full = try run(
            prior, trials: 1 << 16,
            percentiles: [Percentile(value: 0, label: "0"), Percentile(value: 100, label: "100")])
        let double = try run(
            prior, trials: 1 << 17,
            percentiles: [Percentile(value: 0, label: "0"), Percentile(value: 100, label: "100")])
        for output in Output.allCases {
            #expect(double[output].percentiles[0] <= full[output].percentiles[0])
            #expect(double[output].percentiles[1] >= full[output].percentiles[1])
        }
    }

    /// An all-lognormal prior makes parallel tokens/s and streams lognormal (``ClosedForm``).
    @Test("an all-lognormal prior's percentiles and mean match the closed form within the sampling error")
    func closedForm() throws {
        let prior = try shippedPrior("all-lognormal.toml")
        let closed = ClosedForm(prior)
        let n = 1_000_000
        let result = try run(prior, trials: n, seed: 3, threads: 2)
        for output in [Output.parallelTokensPerS, .streams] {
            let law = closed.law(output)
            for (p, estimate) in zip(result.percentiles, result[output].percentiles) {
                let q = p.value / 100
                let z = gsl_cdf_ugaussian_Pinv(q)
                // The sample q-quantile of log X has standard error σ √(q(1−q)/n) / φ(z_q).
                let standardError = law.sd * (q * (1 - q) / Double(n)).squareRoot() / gsl_ran_ugaussian_pdf(z)
                #expect(
                    abs(log(estimate) - (law.mean + law.sd * z)) < 4.5 * standardError, "\(output.spec.name) \(p.key)")
            }
            let s2 = law.sd * law.sd
            let mean = exp(law.mean + s2 / 2)
            let sd = (expm1(s2) * exp(2 * law.mean + s2)).squareRoot()
            #expect(abs(result[output].mean - mean) < 4.5 * sd / Double(n).squareRoot(), "\(output.spec.name) mean")
        }
    }

    @Test("samples outside an input's domain stop the run with the input, the count and the mass")
    func invalidSamples() throws {
        let p = try prior(
            "[inputs]\nworld_flops = 4e21\nserial_tokens_per_s = \"normal(40, 20)\"\n", source: "neg.toml")
        let error = #expect(throws: PriorError.self) { try run(p, trials: 100_000) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("neg.toml:3: serial_tokens_per_s: "), "\(message)")
        #expect(message.contains("of 100000 samples (2."), "\(message)")
        #expect(message.contains("\"normal(40, 20)\" puts 2.3% of its mass there"), "\(message)")

        let share = try prior("[inputs]\nai_share = \"uniform(0.5, 1.5)\"\n", source: "share.toml")
        let shareError = #expect(throws: PriorError.self) { try run(share, trials: 100_000) }
        #expect(shareError.map { "\($0)".contains("ai_share: ") && "\($0)".contains("(it must be in (0, 1])") } == true)
    }

    @Test("outputs that overflow double precision are an error, not infinities in a table")
    func overflow() throws {
        let p = try prior("[inputs]\nworld_flops = \"1e200 to 1e250\"\ntraining_years = \"1e60 to 1e70\"\n")
        let error = #expect(throws: PriorError.self) { try run(p, trials: 10_000) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("outputs leave the range of double precision"), "\(message)")
        #expect(message.contains("training_flop in "), "\(message)")
    }
}
