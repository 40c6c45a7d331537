import Foundation
import Testing

@testable import AISimCore

/// `--precision`: runs grow until every watched percentile's interval is narrow enough, or the
/// limit is reached; the answer is a plain run with the final trial count.
@Suite("Precision targets")
struct PrecisionTests {
    static let percentiles = [5, 50, 95].map { Percentile(value: Double($0), label: String($0)) }

    func run(target: Double, first: Int, maxTrials: Int, threads: Int = 2, method: SamplingMethod = .random) throws -> (
        Prior, SimulationResult
    ) {
        let prior = try shippedPrior("all-lognormal.toml")
        let options = SimulationOptions(
            trials: first, seed: 11, threads: threads, percentiles: Self.percentiles, method: method)
        return (
            prior,
            try Simulation.run(
                prior, options: options, precision: PrecisionTarget(relativeHalfWidth: target, maxTrials: maxTrials))
        )
    }

    @Test(
        "a run stops at or under the target, and its true error is consistent with it",
        arguments: SamplingMethod.allCases)
    func reachesTarget(method: SamplingMethod) throws {
        let target = 0.01
        let (prior, result) = try run(target: target, first: 10_000, maxTrials: 10_000_000, method: method)
        let outcome = try #require(result.precision)
        #expect(outcome.met && outcome.achieved <= target)
        #expect(outcome.runs.count >= 2 && outcome.runs == outcome.runs.sorted() && outcome.runs.last == result.trials)
        let closed = ClosedForm(prior)
        var inside = 0
        for output in PrecisionTarget.defaultOutputs {
            for (k, percentile) in Self.percentiles.enumerated() {
                let truth = closed.quantile(output, percentile.value / 100)
                let summary = result[output]
                #expect(summary.intervals[k].relativeHalfWidth(around: summary.percentiles[k]) <= target)
                // Each interval covers with probability 95%; an error of twice the target would
                // be a miss by two half-widths or more (about 4 standard errors).
                #expect(abs(summary.percentiles[k] / truth - 1) <= 2 * target, "\(output.spec.name) \(percentile.key)")
                if let lower = summary.intervals[k].lower, let upper = summary.intervals[k].upper,
                    lower <= truth && truth <= upper
                {
                    inside += 1
                }
            }
        }
        // Six intervals at 95% each: three or more misses have probability about 0.2%.
        #expect(inside >= 4)
        // The run reported is exactly a plain run of its trial count.
        let plain = try Simulation.run(
            prior,
            options: SimulationOptions(
                trials: result.trials, seed: 11, threads: 1, percentiles: Self.percentiles, method: method))
        #expect(plain.outputs == result.outputs)
    }

    @Test("a target out of reach stops at --max-trials and says so")
    func stopsShort() throws {
        let (_, result) = try run(target: 0.001, first: 10_000, maxTrials: 50_000)
        let outcome = try #require(result.precision)
        #expect(!outcome.met && outcome.achieved > 0.001)
        #expect(result.trials == 50_000 && outcome.runs.last == 50_000)
    }

    @Test("the search is deterministic for a seed, on any thread count")
    func deterministic() throws {
        let (_, a) = try run(target: 0.02, first: 5_000, maxTrials: 1_000_000, threads: 1)
        let (_, b) = try run(target: 0.02, first: 5_000, maxTrials: 1_000_000, threads: 3)
        #expect(a.precision == b.precision && a.outputs == b.outputs)
    }

    @Test("the next run aims at the target with 10% to spare, growing 1.5 to 16 times, within the limit")
    func nextTrials() {
        let target = PrecisionTarget(relativeHalfWidth: 0.01, maxTrials: 10_000_000)
        // Twice the target needs four times the trials, plus 10%.
        #expect(target.nextTrials(after: 100_000, halfWidth: 0.02) == 440_000)
        #expect(target.nextTrials(after: 100_000, halfWidth: 0.0101) == 150_000)
        #expect(target.nextTrials(after: 100_000, halfWidth: 1) == 1_600_000)
        #expect(target.nextTrials(after: 100_000, halfWidth: .infinity) == 1_600_000)
        #expect(target.nextTrials(after: 5_000_000, halfWidth: 0.02) == 10_000_000)
    }
}
