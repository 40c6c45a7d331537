import CGSL
import Foundation
import Testing

@testable import AISimCore

@Suite("Sensitivity")
struct SensitivityTests {
    /// All lognormal, with products the sampler draws in one go (tokens_per_param · horizon,
    /// and the speed-ups), whose members' logarithms it keeps as drawn. The share's range keeps
    /// it below 1 but in one sample of 10^13.
    static let ranges: [(Input, Double, Double)] = [
        (.worldFlops, 2e21, 8e21), (.aiShare, 0.05, 0.15), (.trainingYears, 0.25, 1.25), (.horizon, 1, 100),
        (.tokensPerParam, 15, 30), (.precisionSpeedup, 1, 4), (.distillationSpeedup, 1, 10),
        (.serialTokensPerS, 10, 100),
    ]
    static var prior: Prior {
        try! Prior.parse(
            "[inputs]\n" + ranges.map { "\($0.0.spec.name) = \"\($0.1) to \($0.2)\"" }.joined(separator: "\n"),
            source: "s.toml")
    }

    func run(_ prior: Prior, trials: Int, threads: Int = 2, sensitivity: Bool = true) throws -> SimulationResult {
        try Simulation.run(
            prior, options: SimulationOptions(trials: trials, seed: 17, threads: threads, sensitivity: sensitivity))
    }

    @Test("elasticities are the exponents of the equations")
    func elasticities() throws {
        let p = Sensitivity.elasticities(for: .parallelTokensPerS, prior: try EmbeddedPrior.load())
        let s = Sensitivity.elasticities(for: .streams, prior: try EmbeddedPrior.load())
        let expected: [Input: Double] = [
            .worldFlops: 0.5, .aiShare: 0.5, .trainingYears: -0.5, .horizon: 0.5, .tokensPerParam: 0.5,
            .trainFlopPerParamToken: 0.5, .inferFlopPerParamToken: -1, .precisionSpeedup: 1,
            .distillationSpeedup: 1, .serialTokensPerS: 0,
        ]
        for (input, a) in expected {
            #expect(abs(p[input]! - a) < 1e-12, "\(input.spec.name)")
            #expect(abs(s[input]! - (input == .serialTokensPerS ? -1 : a)) < 1e-12, "\(input.spec.name)")
        }
    }

    @Test(
        "on an all-lognormal prior, shares, Spearman and tornado medians match the closed form within the sampling error"
    )
    func closedForm() throws {
        let n = 200_000
        let result = try run(Self.prior, trials: n)
        let sensitivity = try #require(result.sensitivity)
        #expect(sensitivity.subsetTrials == n)
        let z95 = gsl_cdf_ugaussian_Pinv(0.95)
        let mu = Dictionary(uniqueKeysWithValues: Self.ranges.map { ($0.0, 0.5 * (log($0.1) + log($0.2))) })
        let sigma = Dictionary(uniqueKeysWithValues: Self.ranges.map { ($0.0, (log($0.2) - log($0.1)) / (2 * z95)) })
        for output in Sensitivity.outputs {
            let a = Sensitivity.elasticities(for: output, prior: try EmbeddedPrior.load())
            let total = Self.ranges.reduce(0) { $0 + a[$1.0]! * a[$1.0]! * sigma[$1.0]! * sigma[$1.0]! }
            let analysis = sensitivity[output]
            // For independent inputs the shares add up to 1, within the sampling error of the
            // inputs' sample covariances.
            #expect(abs(analysis.sharesTotal - 1) < 0.01, "\(output.spec.name): \(analysis.sharesTotal)")
            // The median of log y at the inputs' medians: the constant plus Σ a μ.
            let medianOfLog = log(analysis.median)
            for entry in analysis.entries {
                let j = entry.input
                let exact = a[j]! * a[j]! * sigma[j]! * sigma[j]! / total
                // Shares are ratios of sample variances; each has relative error √(2/n).
                #expect(
                    abs(entry.share - exact) <= 5 * 2 * (2 / Double(n)).squareRoot() * exact + 1e-12,
                    "\(j.spec.name): \(entry.share) vs \(exact)")
                // log x and log y are jointly normal: Spearman = (6/π) asin(ρ/2), ρ = a σⱼ / σ_y.
                let rho = a[j]! * sigma[j]! / total.squareRoot()
                #expect(
                    abs(entry.spearman - 6 / .pi * asin(rho / 2)) < 5 / Double(n).squareRoot(),
                    "\(j.spec.name) spearman")
                // Holding xⱼ at q moves log y's median by aⱼ (log q − μⱼ).
                for (q, median) in [(entry.inputLow, entry.medianAtLow), (entry.inputHigh, entry.medianAtHigh)] {
                    let rest = (total - a[j]! * a[j]! * sigma[j]! * sigma[j]!).squareRoot()
                    let standardError = max(rest, 1e-9) * (Double.pi / 2 / Double(n)).squareRoot()
                    #expect(
                        abs(log(median) - (medianOfLog + a[j]! * (log(q) - mu[j]!))) < 5 * standardError + 5
                            * total.squareRoot() * (Double.pi / 2 / Double(n)).squareRoot(),
                        "\(j.spec.name) median at \(q)")
                }
            }
            #expect(analysis.entries.map(\.share) == analysis.entries.map(\.share).sorted(by: >))
        }
    }

    @Test("sensitivity leaves the percentiles and means exactly as a run without it, on any thread count")
    func sameNumbers() throws {
        let plain = try run(Self.prior, trials: 150_000, sensitivity: false)
        let one = try run(Self.prior, trials: 150_000, threads: 1)
        let two = try run(Self.prior, trials: 150_000, threads: 2)
        #expect(one.outputs == plain.outputs && two.outputs == plain.outputs)
        for output in Sensitivity.outputs {
            #expect(one.sensitivity![output].entries.map(\.share) == two.sensitivity![output].entries.map(\.share))
            #expect(
                one.sensitivity![output].entries.map(\.medianAtLow)
                    == two.sensitivity![output].entries.map(\.medianAtLow))
        }
    }

    @Test("a sketch-mode run's analysis is the same on 1 and 3 threads, and the same as an exact run's")
    func sketchThreads() throws {
        let trials = 10 * ChunkPlan.standardSize + 123
        func sketch(threads: Int) throws -> Sensitivity {
            try #require(
                Simulation.run(
                    Self.prior,
                    options: SimulationOptions(
                        trials: trials, seed: 17, threads: threads, sensitivity: true, summary: .sketch(accuracy: 0.01))
                ).sensitivity)
        }
        let one = try sketch(threads: 1)
        let three = try sketch(threads: 3)
        let exact = try #require(try run(Self.prior, trials: trials, threads: 3).sensitivity)
        for output in Sensitivity.outputs {
            for other in [three, exact] {
                #expect(one[output].varianceOfLog == other[output].varianceOfLog, "\(output.spec.name)")
                #expect(one[output].entries.map(\.share) == other[output].entries.map(\.share), "\(output.spec.name)")
                #expect(
                    one[output].entries.map(\.spearman) == other[output].entries.map(\.spearman), "\(output.spec.name)")
            }
        }
    }

    @Test("the members of a product drawn as one keep their own laws, and their product is the column's")
    func conditionalSplit() throws {
        let prior = try Prior.parse(
            "[inputs]\nprecision_speedup = \"1 to 4\"\ndistillation_speedup = \"1 to 10\"\nhorizon = \"1 to 100\"\ntokens_per_param = \"loguniform(10, 40)\"\n",
            source: "p.toml")
        let sampler = InputSampler(prior: prior, blockSize: 1024, recordingLogarithms: true)
        let streams = ChunkStreams(seeder: ChunkSeeder(seed: 4), chunk: 0, inputs: sampler.plan.drawnInputs)
        var precision: [Double] = []
        var distillation: [Double] = []
        var tokens: [Double] = []
        var horizon: [Double] = []
        for _ in 0..<100 {
            sampler.draw(count: 1024, streams: streams)
            let logs = try #require(sampler.logarithms)
            for i in 0..<1024 {
                precision.append(logs[.precisionSpeedup][i])
                distillation.append(logs[.distillationSpeedup][i])
                tokens.append(logs[.tokensPerParam][i])
                horizon.append(logs[.horizon][i])
                // The product in the first member's column is the product of the members.
                #expect(
                    abs(
                        exp(logs[.precisionSpeedup][i] + logs[.distillationSpeedup][i])
                            / sampler.inputs[.precisionSpeedup][i] - 1) < 1e-12)
                #expect(
                    abs(exp(logs[.tokensPerParam][i] + logs[.horizon][i]) / sampler.inputs[.tokensPerParam][i] - 1)
                        < 1e-12)
            }
        }
        let n = precision.count
        let a = Distribution.ninetyPercentInterval(1, 4)
        let b = Distribution.ninetyPercentInterval(1, 10)
        let h = Distribution.ninetyPercentInterval(1, 100)
        guard case .lognormal(let mu1, let s1) = a, case .lognormal(let mu2, let s2) = b,
            case .lognormal(let mu3, let s3) = h
        else { return }
        #expect(kolmogorovSmirnov(precision) { gsl_cdf_gaussian_P($0 - mu1, s1) } < ksCritical(n))
        #expect(kolmogorovSmirnov(distillation) { gsl_cdf_gaussian_P($0 - mu2, s2) } < ksCritical(n))
        #expect(kolmogorovSmirnov(horizon) { gsl_cdf_gaussian_P($0 - mu3, s3) } < ksCritical(n))
        #expect(kolmogorovSmirnov(tokens) { gsl_cdf_flat_P($0, log(10), log(40)) } < ksCritical(n))
        // Independent members: their logarithms are uncorrelated.
        #expect(abs(RankCorrelation.pearson(precision, distillation)) < 5 / Double(n).squareRoot())
    }

    @Test("with correlated inputs, the report gives what the correlations add")
    func correlated() throws {
        let prior = try Prior.parse(
            """
            [inputs]
            world_flops = "2e21 to 8e21"
            training_years = "0.25 to 1.25"
            [correlations]
            "world_flops, training_years" = 0.8
            """, source: "c.toml")
        let sensitivity = try #require(try run(prior, trials: 100_000).sensitivity)
        #expect(sensitivity.correlated)
        let analysis = sensitivity[.parallelTokensPerS]
        // P ∝ √(F / T): positively correlated inputs with opposite signs cancel, so the shares
        // overshoot the variance and the correlations' part is negative.
        #expect(analysis.correlationPart < -0.5)
        #expect(abs(analysis.sharesTotal + analysis.correlationPart - 1) < 1e-12)
    }
}
