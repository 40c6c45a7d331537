import CGSL
import Foundation
import Testing

@testable import AISimCore

@Suite("Model equations")
struct ModelTests {
    /// Evaluates the model once at the given input values.
    func evaluate(_ values: [Input: Double]) -> [Output: Double] {
        var inputs = Input.allCases.map { values[$0] ?? $0.spec.postValue }
        var outputs = [Double](repeating: .nan, count: Output.allCases.count)
        inputs.withUnsafeMutableBufferPointer { x in
            outputs.withUnsafeMutableBufferPointer { y in
                ModelEvaluator(configuration: Model.Configuration(), blockSize: 1).evaluate(
                    InputColumns(base: x.baseAddress!, stride: 1), into: OutputColumns(base: y.baseAddress!, stride: 1),
                    count: 1)
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
        #expect(
            Dictionary(
                uniqueKeysWithValues: Input.allCases.filter { !$0.spec.optional }.map {
                    ($0.spec.name, $0.spec.postValue)
                }) == expected)
        #expect(
            Output.allCases.filter(\.spec.shownWhenSet.isEmpty).map(\.spec.name)
                == ["parallel_tokens_per_s", "streams", "params", "training_tokens", "training_flop", "cluster_flops"])
    }

    @Test("P = speedups · (u_infer / u_train) · (train FLOP / infer FLOP) · D / T holds on random inputs")
    func identity() {
        let generator = Generator(seed: 7)
        for _ in 0..<1000 {
            var x: [Input: Double] = [:]
            for input in Input.allCases {
                // Log-uniform over six orders of magnitude; shares stay in (0, 1].
                let value = exp((generator.uniform() - 0.5) * 6 * log(10.0))
                x[input] = input.spec.domain == .unitInterval ? generator.uniform() * 0.999 + 0.001 : value
            }
            let y = evaluate(x)
            let seconds = x[.trainingYears]! * Model.secondsPerYear
            let speedups =
                x[.precisionSpeedup]! * x[.distillationSpeedup]! * x[.inferUtilization]! / x[.trainUtilization]!
            let identity =
                speedups * (x[.trainFlopPerParamToken]! / x[.inferFlopPerParamToken]!) * y[.trainingTokens]! / seconds
            #expect(abs(identity / y[.parallelTokensPerS]! - 1) < 1e-12)
            #expect(abs(y[.streams]! * x[.serialTokensPerS]! / y[.parallelTokensPerS]! - 1) < 1e-14)
        }
    }

    @Test("parameters follow √C: quadrupling world compute doubles N and P")
    func squareRootScaling() {
        let base = evaluate([:])
        let scaled = evaluate([.worldFlops: 16e21])
        #expect(abs(scaled[.params]! / base[.params]! - 2) < 1e-12)
        #expect(abs(scaled[.parallelTokensPerS]! / base[.parallelTokensPerS]! - 2) < 1e-12)
    }
}

@Suite("Inputs drawn as products")
struct ProductTests {
    @Test("each group in Model.products enters the equations only through its product")
    func groupsAreProducts() {
        let generator = Generator(seed: 11)
        for _ in 0..<200 {
            let x = Input.allCases.map { input -> Double in
                input == .aiShare ? 0.05 + 0.9 * generator.uniform() : exp(10 * (generator.uniform() - 0.5))
            }
            let plain = evaluate(x)
            for group in Model.products {
                var grouped = x
                grouped[group[0].rawValue] = group.reduce(1) { $0 * x[$1.rawValue] }
                for input in group.dropFirst() { grouped[input.rawValue] = 1 }
                #expect(evaluate(grouped) == plain, "\(group.map(\.spec.name))")
            }
        }
    }

    func evaluate(_ inputs: [Double]) -> [Double] {
        var x = inputs
        var y = [Double](repeating: .nan, count: Output.allCases.count)
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                ModelEvaluator(configuration: Model.Configuration(), blockSize: 1).evaluate(
                    InputColumns(base: x.baseAddress!, stride: 1), into: OutputColumns(base: y.baseAddress!, stride: 1),
                    count: 1)
            }
        }
        return y
    }

    @Test("lognormal and log-uniform factors that stay in their domain are drawn as one product")
    func plan() throws {
        let prior = try Prior.parse(
            """
            [inputs]
            world_flops = "2e21 to 8e21"
            ai_share = "uniform(0.1, 0.5)"
            tokens_per_param = "15 to 30"
            horizon = "loguniform(1, 1000)"
            precision_speedup = "1 to 4"
            distillation_speedup = "normal(5, 1)"
            serial_tokens_per_s = "20 to 100"
            """, source: "plan.toml")
        let plan = SamplingPlan(prior)
        // world_flops · ai_share stays apart (a uniform share has no logarithm sampler), and so
        // do the speed-ups (a normal can leave its domain and is checked sample by sample).
        let tokens = Distribution.ninetyPercentInterval(15, 30)
        guard case .lognormal(let mu, let sigma) = tokens else { return }
        #expect(
            plan.units == [
                .single(.worldFlops, checked: false), .single(.aiShare, checked: false),
                .product([.tokensPerParam, .horizon], .init([tokens, .loguniform(min: 1, max: 1000)])),
                .single(.precisionSpeedup, checked: false),
                .single(.distillationSpeedup, checked: true), .single(.serialTokensPerS, checked: false),
            ])
        // The product's law: the lognormal's Gaussian and the log-uniform's uniform.
        guard case .product(_, let law) = plan.units[2] else { return }
        #expect(law.mu == mu && law.sigma == sigma && law.logUniforms == [0...log(1000)])
        #expect(plan.constants.contains { $0.0 == .horizon && $0.1 == 1 })
        #expect(plan.constants.contains { $0.0 == .trainingYears && $0.1 == 1 })
    }

    @Test("a product unit draws the product's law: lognormal factors multiply to a lognormal")
    func productLaw() throws {
        let prior = try Prior.parse(
            "[inputs]\nprecision_speedup = \"1 to 4\"\ndistillation_speedup = \"1 to 10\"\n", source: "p.toml")
        let plan = SamplingPlan(prior)
        // The product of two independent lognormals is lognormal with summed mu and sigma²,
        // drawn as one Gaussian.
        let a = Distribution.ninetyPercentInterval(1, 4)
        let b = Distribution.ninetyPercentInterval(1, 10)
        guard case .lognormal(let mu1, let s1) = a, case .lognormal(let mu2, let s2) = b else { return }
        guard case .product(let members, let law) = plan.units.first, plan.units.count == 1 else {
            Issue.record("expected one product unit, got \(plan.units)")
            return
        }
        #expect(members == [.precisionSpeedup, .distillationSpeedup])
        #expect(
            law.mu == mu1 + mu2 && abs(law.sigma - (s1 * s1 + s2 * s2).squareRoot()) < 1e-15 && law.logUniforms.isEmpty)
        let product = Distribution.lognormal(mu: mu1 + mu2, sigma: (s1 * s1 + s2 * s2).squareRoot())
        // Draw through the simulation's own path: P = speedups · F / (2N) is proportional to
        // the product, all else being the post's point.
        let result = try Simulation.run(prior, options: SimulationOptions(trials: 200_000, seed: 5, threads: 1))
        let base = evaluate(Input.allCases.map(\.spec.postValue))[Output.parallelTokensPerS.rawValue]
        for (p, value) in zip(result.percentiles, result[.parallelTokensPerS].percentiles) {
            let q = p.value / 100
            let expected = product.quantile(q) * base
            let standardError =
                (q * (1 - q) / 200_000).squareRoot() / gsl_ran_ugaussian_pdf(gsl_cdf_ugaussian_Pinv(q))
                * (s1 * s1 + s2 * s2).squareRoot()
            #expect(abs(log(value / expected)) < 4.5 * standardError, "\(p.key)")
        }
    }
}
