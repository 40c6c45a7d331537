import CGSL
import Foundation
import Testing

@testable import AISimCore

/// Exceedance.swift and Threshold.swift: exact counts, Clopper-Pearson intervals against the
/// closed form of an all-lognormal prior, their coverage over seeds, and replicate intervals.
@Suite("Exceedance probabilities")
struct ExceedanceTests {
    static func run(
        _ prior: Prior, _ thresholds: [Threshold], trials: Int, seed: UInt64, method: SamplingMethod = .random,
        summary: SummaryMode = .exact
    ) throws -> SimulationResult {
        var options = SimulationOptions(trials: trials, seed: seed, threads: 2, method: method, summary: summary)
        options.thresholds = thresholds
        return try Simulation.run(prior, options: options)
    }

    @Test(
        "Clopper-Pearson's ends are the Beta quantiles, 0 and 1 at the edges",
        arguments: [(0, 10), (3, 10), (10, 10), (500, 1000)])
    func clopperPearson(count: Int, trials: Int) {
        let e = Exceedance(Threshold(.streams, .atLeast, 1), count: count, trials: trials)
        let k = Double(count)
        let n = Double(trials)
        // P(Binomial(n, lower) ≥ k) = 2.5% and P(Binomial(n, upper) ≤ k) = 2.5%, by GSL's CDFs.
        if count > 0 {
            #expect(abs(gsl_cdf_beta_Q(e.interval.lower!, k, n - k + 1) - 0.975) < 1e-9)
        } else {
            #expect(e.interval.lower == 0)
        }
        if count < trials {
            #expect(abs(gsl_cdf_beta_P(e.interval.upper!, k + 1, n - k) - 0.975) < 1e-9)
        } else {
            #expect(e.interval.upper == 1)
        }
        #expect(e.probability == k / n)
    }

    /// log S of the all-lognormal prior is normal, so P(S ≥ x) = Q((log x − m)/s): each
    /// estimate must lie within 4 binomial standard errors of it.
    @Test("the probabilities match the closed form of an all-lognormal prior, for every comparison")
    func closedForm() throws {
        let prior = try Prior.load(path: repositoryRoot.appendingPathComponent("distributions/all-lognormal.toml").path)
        let law = ClosedForm(prior).law(.streams)
        let median = exp(law.mean)
        let thresholds = [
            Threshold(.streams, .atLeast, median * 3), Threshold(.streams, .above, median / 2),
            Threshold(.streams, .atMost, median), Threshold(.streams, .below, median * 10),
        ]
        let n = 200_000
        let result = try Self.run(prior, thresholds, trials: n, seed: 9)
        for e in result.exceedances {
            let z = (log(e.threshold.value) - law.mean) / law.sd
            let above = gsl_cdf_ugaussian_Q(z)
            let exact = e.threshold.comparison == .atLeast || e.threshold.comparison == .above ? above : 1 - above
            #expect(abs(e.probability - exact) < 4 * (exact * (1 - exact) / Double(n)).squareRoot(), "\(e.threshold)")
            #expect(e.interval.lower! <= e.probability && e.probability <= e.interval.upper!)
        }
    }

    /// Over 400 seeds the coverage's standard error is √(0.95 · 0.05 / 400) = 1.1%, so 93-97%
    /// is nearly two of them either side; Clopper-Pearson, being conservative, sits above 95%.
    @Test("the 95% intervals cover the closed form's probability 93-97% of the time")
    func coverage() throws {
        let prior = try Prior.load(path: repositoryRoot.appendingPathComponent("distributions/all-lognormal.toml").path)
        let law = ClosedForm(prior).law(.streams)
        let threshold = Threshold(.streams, .atLeast, exp(law.mean + law.sd))
        let exact = gsl_cdf_ugaussian_Q(1)
        var covered = 0
        let seeds = 400
        for seed in 0..<seeds {
            let e = try Self.run(prior, [threshold], trials: 2_000, seed: UInt64(seed)).exceedances[0]
            if e.interval.lower! <= exact && exact <= e.interval.upper! { covered += 1 }
        }
        let share = Double(covered) / Double(seeds)
        #expect(share >= 0.93 && share <= 0.97, "\(share)")
    }

    @Test("a sketch run counts exactly what an exact run counts; a design's interval comes from its replicates")
    func summaries() throws {
        let prior = try EmbeddedPrior.load()
        let threshold = Threshold(.streams, .atLeast, 1e8)
        let exact = try Self.run(prior, [threshold], trials: 300_000, seed: 5)
        let sketch = try Self.run(prior, [threshold], trials: 300_000, seed: 5, summary: .sketch(accuracy: 0.001))
        #expect(exact.exceedances == sketch.exceedances)
        let lhs = try Self.run(prior, [threshold], trials: 300_000, seed: 5, method: .lhs).exceedances[0]
        // Stratifying narrows the interval below the binomial one at the same trials.
        let binomialWidth = exact.exceedances[0].interval.upper! - exact.exceedances[0].interval.lower!
        #expect(lhs.interval.upper! - lhs.interval.lower! < binomialWidth)
        #expect(abs(lhs.probability - exact.exceedances[0].probability) < binomialWidth)
    }

    @Test(
        "thresholds parse from OUTPUT>=X, and say what is wrong",
        arguments: [
            ("streams>=1e6", "streams>=1000000.0"), (" params < 2.5e12 ", "params<2500000000000.0"),
            ("streams>1", "streams>1.0"),
            ("streams<=3", "streams<=3.0"),
        ])
    func parsing(_ text: String, _ canonical: String) throws {
        #expect(try Threshold(parsing: text).description == canonical)
    }

    @Test(
        "malformed thresholds are refused in plain words",
        arguments: [
            ("stream>=1e6", "unknown output \"stream\"; did you mean \"streams\"?"),
            ("streams=1e6", "has no comparison"),
            ("streams>=nan", "\"nan\" is not a finite number"), ("streams>=", "\"\" is not a finite number"),
        ])
    func malformed(_ text: String, _ expected: String) {
        #expect(throws: ThresholdError.self) { try Threshold(parsing: text) }
        #expect((try? Threshold(parsing: text)) == nil)
        do { _ = try Threshold(parsing: text) } catch { #expect(error.message.contains(expected), "\(error)") }
    }
}
