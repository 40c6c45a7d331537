import CGSL
import Foundation
import Testing

@testable import AISimCore

@Suite("Correlated inputs")
struct CorrelationTests {
    static let text = """
        [inputs]
        world_flops = "2e21 to 8e21"
        ai_share = "uniform(0.1, 0.5)"
        horizon = "loguniform(1, 1000)"
        serial_tokens_per_s = "20 to 100"

        [correlations]
        "world_flops, ai_share" = -0.3
        "horizon, serial_tokens_per_s" = 0.6
        "world_flops, horizon" = 0.2
        """

    /// `n` trials of the inputs, drawn as a simulation draws them (chunk seeds, blocks).
    func draw(_ prior: Prior, trials n: Int, seed: UInt64 = 3) -> [Input: [Double]] {
        let sampler = InputSampler(prior: prior, blockSize: Block.size)
        let seeder = ChunkSeeder(seed: seed)
        let chunks = ChunkPlan(trials: n)
        var columns = Dictionary(uniqueKeysWithValues: Input.allCases.map { ($0, [Double]()) })
        for chunk in 0..<chunks.count {
            let streams = ChunkStreams(seeder: seeder, chunk: chunk, inputs: sampler.plan.drawnInputs)
            var offset = 0
            let length = chunks.range(of: chunk).count
            while offset < length {
                let count = min(Block.size, length - offset)
                sampler.draw(count: count, streams: streams)
                for input in Input.allCases {
                    columns[input]! += UnsafeBufferPointer(start: sampler.inputs[input], count: count)
                }
                offset += count
            }
        }
        return columns
    }

    /// Spearman's rho from n pairs has a standard error of at most 1/√n (1e-3 here), so 0.005
    /// is five of them; drawing the Gaussian copula at r = ρ instead of 2 sin(πρ/6) misses the
    /// targets by 0.009 to 0.021.
    @Test("at 1e6 trials the achieved rank correlations are within 0.005 of the targets, and the marginals pass KS")
    func copula() throws {
        let prior = try Prior.parse(Self.text, source: "c.toml")
        #expect(prior.copula?.inputs == [.worldFlops, .aiShare, .horizon, .serialTokensPerS])
        let n = 1_000_000
        let x = draw(prior, trials: n)
        let ranks = Dictionary(uniqueKeysWithValues: prior.copula!.inputs.map { ($0, RankCorrelation.ranks(x[$0]!)) })
        for correlation in prior.correlations {
            let achieved = RankCorrelation.pearson(ranks[correlation.first]!, ranks[correlation.second]!)
            #expect(
                abs(achieved - correlation.spearman) < 5 / Double(n).squareRoot(), "\(correlation.key): \(achieved)")
        }
        // The KS test on the first 200,000 draws of each marginal (critical value at α = 0.001).
        let m = 200_000
        for input in prior.copula!.inputs {
            let d = kolmogorovSmirnov(Array(x[input]!.prefix(m)), cdf: prior[input].distribution.cdf)
            #expect(d < ksCritical(m), "\(input.spec.name): D = \(d)")
        }
    }

    @Test("marginals without a direct transform (gamma, mixture, metalog) keep their law under the copula")
    func otherMarginals() throws {
        let prior = try Prior.parse(
            """
            [inputs]
            horizon = "gamma(9, 5)"
            tokens_per_param = "mixture(0.5: 15 to 20, 0.5: uniform(20, 30))"
            serial_tokens_per_s = "quantiles(5: 20, 50: 40, 95: 100, lower=0)"
            [correlations]
            "horizon, tokens_per_param" = 0.5
            "tokens_per_param, serial_tokens_per_s" = -0.4
            """, source: "m.toml")
        let n = 100_000
        let x = draw(prior, trials: n)
        for correlation in prior.correlations {
            let achieved = RankCorrelation.spearman(x[correlation.first]!, x[correlation.second]!)
            #expect(
                abs(achieved - correlation.spearman) < 5 / Double(n).squareRoot(), "\(correlation.key): \(achieved)")
        }
        for input in prior.copula!.inputs {
            let d = kolmogorovSmirnov(x[input]!, cdf: prior[input].distribution.cdf)
            #expect(d < ksCritical(n), "\(input.spec.name): D = \(d)")
        }
    }

    @Test("a simulation with correlations gives the same numbers on any thread count")
    func threads() throws {
        let prior = try Prior.parse(Self.text, source: "c.toml")
        let one = try Simulation.run(prior, options: SimulationOptions(trials: 100_000, seed: 8, threads: 1))
        let two = try Simulation.run(prior, options: SimulationOptions(trials: 100_000, seed: 8, threads: 2))
        #expect(one.outputs == two.outputs)
    }

    @Test("Spearman's ρ of a small sample, ties included, by hand")
    func spearman() {
        #expect(RankCorrelation.ranks([10, 30, 20, 20]) == [1, 4, 2.5, 2.5])
        #expect(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        // d = (0, 0, 1, -1): ρ = 1 − 6·2 / (4·15) = 0.8.
        #expect(abs(RankCorrelation.spearman([1, 2, 3, 4], [1, 2, 4, 3]) - 0.8) < 1e-12)
    }

    @Test(
        "bad correlations name the pair",
        arguments: [
            (
                "\"world_flops, ai_shar\" = 0.2",
                "c.toml:6: \"world_flops, ai_shar\": unknown input \"ai_shar\"; did you mean \"ai_share\"?"
            ),
            (
                "\"world_flops, ai_share\" = 1",
                "\"world_flops, ai_share\": 1.0 is not a correlation strictly between -1 and 1"
            ),
            ("\"world_flops, ai_share\" = -1.5", "is not a correlation strictly between -1 and 1"),
            ("\"world_flops\" = 0.5", "a correlation's key names two inputs"),
            ("\"horizon, horizon\" = 0.5", "an input cannot be correlated with itself"),
            (
                "\"world_flops, ai_share\" = 0.2\n\"ai_share, world_flops\" = 0.3",
                "this pair is already correlated on line 6"
            ),
            (
                "\"world_flops, training_years\" = 0.5",
                "training_years: is left at the post's 1, a fixed number, but [correlations] correlates it"
            ),
            ("\"world_flops, ai_share\" = \"high\"", "expected a number, the Spearman rank correlation"),
            (
                "\"world_flops, ai_share\" = 0.9\n\"ai_share, horizon\" = 0.9\n\"world_flops, horizon\" = -0.9",
                "[correlations] cannot all hold at once (their matrix is not positive definite)"
            ),
        ])
    func errors(_ correlations: String, _ expected: String) {
        let text =
            "[inputs]\nworld_flops = \"2e21 to 8e21\"\nai_share = \"uniform(0.1, 0.5)\"\nhorizon = \"1 to 100\"\n[correlations]\n"
            + correlations + "\n"
        let error = #expect(throws: PriorError.self) { try Prior.parse(text, source: "c.toml") }
        #expect(error.map { "\($0)".contains(expected) } == true, "\(error.map { "\($0)" } ?? "no error")")
    }

    @Test("a conflicting triple names every pair whose removal would resolve it")
    func conflictNamesPairs() throws {
        let text =
            "[inputs]\nworld_flops = \"2e21 to 8e21\"\nai_share = \"uniform(0.1, 0.5)\"\nhorizon = \"1 to 100\"\n[correlations]\n\"world_flops, ai_share\" = 0.9\n\"ai_share, horizon\" = 0.9\n\"world_flops, horizon\" = -0.9\n"
        let error = #expect(throws: PriorError.self) { try Prior.parse(text, source: "c.toml") }
        let message = error.map { "\($0)" } ?? ""
        #expect(
            message.contains("\"world_flops, ai_share\" = 0.9") && message.contains("\"world_flops, horizon\" = -0.9"),
            "\(message)")
    }

    @Test("fixing a correlated input at a number drops its pairs and lists them; a distribution keeps them")
    func setPoint() throws {
        let prior = try Prior.parse(Self.text, source: "c.toml")
        let fixed = try prior.setting(["ai_share=0.3"])
        #expect(fixed.correlations.allSatisfy { $0.first != .aiShare && $0.second != .aiShare })
        #expect(fixed.droppedCorrelations.count == prior.correlations.count - fixed.correlations.count)
        #expect(!fixed.droppedCorrelations.isEmpty)
        #expect(fixed.droppedCorrelations.allSatisfy { $0.first == .aiShare || $0.second == .aiShare })
        let widened = try prior.setting(["ai_share=uniform(0.2, 0.4)"])
        #expect(widened.correlations == prior.correlations && widened.droppedCorrelations.isEmpty)
        let file = "[inputs]\nai_share = 0.3\nhorizon = \"1 to 100\"\n[correlations]\n\"ai_share, horizon\" = 0.5\n"
        let error = #expect(throws: PriorError.self) { try Prior.parse(file, source: "f.toml") }
        #expect(error.map { "\($0)".contains("is a fixed number") } == true, "a file that fixes one is still wrong")
    }
}
