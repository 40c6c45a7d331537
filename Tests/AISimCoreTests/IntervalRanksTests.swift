import CGSL
import Foundation
import Testing

@testable import AISimCore

/// The confidence intervals' ranks against their defining properties and worked examples, and
/// the intervals' coverage against the closed form. Seeds are fixed; coverage bounds are the
/// issue's 93-97%, nearly three standard errors of a coverage estimate from 1000 seeds
/// (√(0.95 · 0.05 / 1000) = 0.7%).
@Suite("Confidence intervals")
struct IntervalRanksTests {
    static let closedPercentiles = [5, 50, 95].map { Percentile(value: Double($0), label: String($0)) }

    @Test("the binomial interval for the median of 10 values is the textbook (x₍₂₎, x₍₉₎)")
    func textbookMedian() {
        let ranks = IntervalRanks.binomial(0.5, among: 10)
        #expect(ranks.lower == 1 && ranks.upper == 8)
    }

    @Test(
        "binomial ranks leave at most 2.5% in each tail, and moving either inward would leave more",
        arguments: [(20, 0.5), (100, 0.05), (1000, 0.5), (12345, 0.99), (1_000_000, 0.01)])
    func binomialDefinition(n: Int, p: Double) throws {
        let ranks = IntervalRanks.binomial(p, among: n)
        let lower = try #require(ranks.lower)
        let upper = try #require(ranks.upper)
        func cdf(_ k: Int) -> Double { gsl_cdf_binomial_P(UInt32(k), p, UInt32(n)) }
        // The interval (x₍ₗ₊₁₎, x₍ᵤ₊₁₎) misses below with P(B ≤ l) and above with P(B > u).
        #expect(cdf(lower) <= 0.025 && cdf(lower + 1) > 0.025)
        #expect(cdf(upper) >= 0.975 && cdf(upper - 1) < 0.975)
        #expect(cdf(upper) - cdf(lower) >= 0.95)
    }

    @Test(
        "the normal approximation used beyond 2^32 trials is within a rank of the exact ranks",
        arguments: [0.01, 0.05, 0.5, 0.95, 0.99])
    func approximation(p: Double) throws {
        let n = 10_000_000
        let exact = IntervalRanks.binomial(p, among: n)
        let approximate = IntervalRanks.binomialApproximation(p, among: n)
        #expect(abs(try #require(exact.lower) - (try #require(approximate.lower))) <= 1)
        #expect(abs(try #require(exact.upper) - (try #require(approximate.upper))) <= 1)
    }

    @Test("too few trials leave a side unbounded rather than clamped")
    func unbounded() {
        // P(B = 0) = 0.99^20 = 0.82 > 2.5%: no order statistic bounds p1 from below.
        let low = IntervalRanks.binomial(0.01, among: 20)
        #expect(low.lower == nil && low.upper == 1)
        let high = IntervalRanks.binomial(0.99, among: 20)
        #expect(high.lower == 18 && high.upper == nil)
        #expect(ConfidenceInterval(lower: nil, upper: 3).relativeHalfWidth(around: 2) == .infinity)
    }

    @Test("replicate ranks: a worked example of Woodruff's interval")
    func replicated() {
        // Shares 0.48, 0.50, 0.52, 0.50: sd 0.016330, se 0.0081650, t(0.975, 3) = 3.18245, so
        // p ± 0.025985; among 1001 values, positions 1000 · (0.474015, 0.525985).
        let ranks = IntervalRanks.replicated(0.5, among: 1001, shares: [0.48, 0.50, 0.52, 0.50])
        #expect(ranks.lower == 474 && ranks.upper == 526)
        #expect(IntervalRanks.replicated(0.01, among: 1001, shares: [0.0, 0.05]).lower == nil)
        #expect(IntervalRanks.replicated(0.5, among: 1001, shares: [0.5]) == (nil, nil))
    }

    @Test(
        "95% intervals cover the closed form's p5, p50 and p95 93-97% of the time (1e4 trials)",
        arguments: SamplingMethod.allCases)
    func coverage(method: SamplingMethod) throws {
        let seeds = 1000
        let prior = try shippedPrior("all-lognormal.toml")
        let closed = ClosedForm(prior)
        let watched = [Output.parallelTokensPerS, .streams]
        var covered = [Int](repeating: 0, count: watched.count * Self.closedPercentiles.count)
        for seed in 1...seeds {
            let result = try Simulation.run(
                prior,
                options: SimulationOptions(
                    trials: 10_000, seed: UInt64(seed), percentiles: Self.closedPercentiles, method: method))
            for (o, output) in watched.enumerated() {
                for (k, percentile) in Self.closedPercentiles.enumerated() {
                    let truth = closed.quantile(output, percentile.value / 100)
                    let interval = result[output].intervals[k]
                    if let lower = interval.lower, let upper = interval.upper, lower <= truth && truth <= upper {
                        covered[o * Self.closedPercentiles.count + k] += 1
                    }
                }
            }
        }
        for (slot, count) in covered.enumerated() {
            let rate = Double(count) / Double(seeds)
            let label = "\(watched[slot / 3].spec.name) \(Self.closedPercentiles[slot % 3].key)"
            #expect((0.93...0.97).contains(rate), "\(label): coverage \(rate)")
        }
    }

    @Test("the mean's standard error matches the closed form's σ/√n")
    func meanStandardError() throws {
        let prior = try shippedPrior("all-lognormal.toml")
        let law = ClosedForm(prior).logP
        let n = 1_000_000
        let result = try Simulation.run(prior, options: SimulationOptions(trials: n, seed: 5, threads: 2))
        let s2 = law.sd * law.sd
        let sd = (expm1(s2) * exp(2 * law.mean + s2)).squareRoot()
        // The sample variance's relative standard error is √((κ − 1) / n), with κ the
        // lognormal's kurtosis; the standard deviation's is half that.
        let kurtosis = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3
        let tolerance = 4 * 0.5 * ((kurtosis - 1) / Double(n)).squareRoot()
        let estimate = try #require(result[.parallelTokensPerS].meanStandardError)
        #expect(
            abs(estimate / (sd / Double(n).squareRoot()) - 1) < tolerance,
            "\(estimate) vs \(sd / Double(n).squareRoot())")
    }

    @Test("streamed summaries give the same intervals as holding every value", arguments: SamplingMethod.allCases)
    func streamedMatchesHeld(method: SamplingMethod) throws {
        let prior = try EmbeddedPrior.load()
        let options = SimulationOptions(trials: 300_001, seed: 9, threads: 2, method: method)
        var streamed = options
        streamed.tuning = SimulationTests.streaming
        let held = try Simulation.run(prior, options: options)
        let windowed = try Simulation.run(prior, options: streamed)
        #expect(windowed.diagnostics.pilotTrials < 300_001)
        #expect(windowed.outputs == held.outputs)
    }

    @Test(
        "a prior without uncertainty has intervals of width zero and a standard error of zero (to rounding)",
        arguments: SamplingMethod.allCases)
    func pointPrior(method: SamplingMethod) throws {
        let prior = try shippedPrior("post-point.toml")
        var options = SimulationOptions(trials: 200_000, threads: 2, method: method)
        options.tuning = SimulationTests.streaming
        let result = try Simulation.run(prior, options: options)
        for summary in result.outputs {
            // Sums of equal values round, so whatever spread they show is rounding: far below
            // a part in 10^12 of the mean.
            #expect(try #require(summary.meanStandardError) <= 1e-12 * summary.mean)
            for (estimate, interval) in zip(summary.percentiles, summary.intervals) {
                #expect(interval.lower == estimate && interval.upper == estimate)
            }
        }
    }
}
