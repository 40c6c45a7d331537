import Foundation
import Testing

@testable import AISimCore

/// Comparison.swift and PairedRun.swift: priors on common random numbers, trial by trial.
@Suite("Comparison of priors")
struct ComparisonTests {
    static func compare(
        _ a: String, _ b: String, trials: Int = 100_000, method: SamplingMethod = .random,
        independent: Bool = false
    ) throws -> Comparison {
        let priors = [try Prior.parse(a, source: "a.toml"), try Prior.parse(b, source: "b.toml")]
        let options = SimulationOptions(
            trials: trials, seed: 3, threads: 2, percentiles: try Percentile.parseList("5,50,95"), method: method)
        return try Comparison.run(
            priors, outputs: [.parallelTokensPerS, .streams], options: options, independentStreams: independent)
    }

    static let base = """
        [inputs]
        world_flops = "2e21 to 8e21"
        horizon = "loguniform(1, 1000)"
        training_years = "0.25 to 1.25"
        serial_tokens_per_s = "20 to 100"
        """

    /// P ∝ √(ai_share) (F ∝ share, N ∝ √share), so doubling it multiplies every trial's P by
    /// √2, to the last bits.
    @Test(
        "a prior that differs only in a point input gives every trial the equations' exact factor",
        arguments: [SamplingMethod.random, .lhs])
    func exactFactor(method: SamplingMethod) throws {
        let comparison = try Self.compare(
            Self.base + "\nai_share = 0.25\n", Self.base + "\nai_share = 0.5\n", method: method)
        for ratio in comparison.ratios[0] {
            #expect(
                abs(ratio.minimum / 2.0.squareRoot() - 1) < 1e-14 && abs(ratio.maximum / 2.0.squareRoot() - 1) < 1e-14)
            #expect(ratio.greater.count == ratio.greater.trials)
        }
    }

    @Test("a prior against itself: every ratio is exactly 1 and B is never larger")
    func itself() throws {
        let comparison = try Self.compare(Self.base, Self.base)
        for ratio in comparison.ratios[0] {
            #expect(ratio.minimum == 1 && ratio.maximum == 1 && ratio.greater.count == 0)
            #expect(ratio.percentiles.allSatisfy { $0 == 1 })
        }
        #expect(comparison.results[0][.streams].percentiles == comparison.results[1][.streams].percentiles)
    }

    /// With common random numbers the ratio of two priors that differ in one uncertain input
    /// varies only through that input; with independent streams it carries both priors' whole
    /// spread. The median ratio's interval narrows by more than ten times here.
    @Test("common random numbers narrow the ratio's intervals far below independent streams'")
    func narrowing() throws {
        let b = Self.base.replacingOccurrences(
            of: "serial_tokens_per_s = \"20 to 100\"", with: "serial_tokens_per_s = \"30 to 100\"")
        let common = try Self.compare(Self.base, b)
        let independent = try Self.compare(Self.base, b, independent: true)
        func width(_ c: Comparison) -> Double {
            c.ratios[0][1].intervals[1].upper! - c.ratios[0][1].intervals[1].lower!
        }
        #expect(width(common) * 10 < width(independent), "\(width(common)) against \(width(independent))")
        // The P ratio does not involve serial speed at all: exactly 1 on common numbers.
        #expect(common.ratios[0][0].minimum == 1 && common.ratios[0][0].maximum == 1)
        #expect(abs(independent.ratios[0][0].percentiles[1] - 1) < 0.1 && independent.ratios[0][0].maximum > 2)
    }
}
