import Foundation
import Testing

@testable import AISimCore

/// The streamed, windowed summary must give exactly the order statistics that holding every
/// value gives: same seed, same numbers, bit for bit.
@Suite("Exact percentile summary")
struct OutputTallyTests {
    static let percentiles = try! Percentile.parseList("0,0.1,1,5,10,25,50,75,90,95,99,99.9,100")

    func run(_ prior: Prior, trials: Int, tuning: SummaryTuning) throws -> SimulationResult {
        try Simulation.run(
            prior,
            options: SimulationOptions(
                trials: trials, seed: 9, threads: 2,
                percentiles: Self.percentiles, tuning: tuning))
    }

    static func tuning(keepAll: Bool, sigmas: Double = 6) -> SummaryTuning {
        var tuning = SummaryTuning()
        if !keepAll {
            tuning.keepAllLimit = 0
            tuning.minimumPilot = 1 << 16
        }
        tuning.windowSigmas = sigmas
        return tuning
    }

    @Test(
        "streaming through windows gives the same percentiles as holding every value",
        arguments: [
            "finnveden-2023.toml", "post-point.toml",
        ])
    func windowsAreExact(_ name: String) throws {
        let prior = try shippedPrior(name)
        let all = try run(prior, trials: 400_000, tuning: Self.tuning(keepAll: true))
        let streamed = try run(prior, trials: 400_000, tuning: Self.tuning(keepAll: false))
        #expect(streamed.outputs == all.outputs)
        #expect(
            streamed.diagnostics.pilotTrials < 400_000 && streamed.diagnostics.pilotTrials % ChunkPlan.standardSize == 0
        )
        #expect(streamed.diagnostics.fallbackPasses == 0)
        #expect(streamed.diagnostics.keptValues < all.diagnostics.keptValues / 2)
    }

    @Test("a constant output is counted as an atom, not stored")
    func atoms() throws {
        let prior = try shippedPrior("post-point.toml")
        let streamed = try run(prior, trials: 400_000, tuning: Self.tuning(keepAll: false))
        #expect(streamed.diagnostics.keptValues == 0)
        // Only the serial speed varies: five outputs are constant, streams is not.
        let mixed = try Prior.parse("[inputs]\nserial_tokens_per_s = \"20 to 100\"\n", source: "mixed.toml")
        let all = try run(mixed, trials: 300_000, tuning: Self.tuning(keepAll: true))
        let windowed = try run(mixed, trials: 300_000, tuning: Self.tuning(keepAll: false))
        #expect(windowed.outputs == all.outputs)
        #expect(windowed.diagnostics.keptValues < 300_000 / 2)
    }

    @Test("ranks outside every window are found exactly in one more pass")
    func fallback() throws {
        let prior = try EmbeddedPrior.load()
        let all = try run(prior, trials: 300_000, tuning: Self.tuning(keepAll: true))
        // Negative widths leave no windows at all, so every rank needs the extra pass.
        let missed = try run(prior, trials: 300_000, tuning: Self.tuning(keepAll: false, sigmas: -1000))
        #expect(missed.outputs == all.outputs)
        #expect(missed.diagnostics.fallbackPasses == 1)
    }

    @Test("percentiles 0 and 100 are the sample's minimum and maximum")
    func extremes() throws {
        let prior = try Prior.parse("[inputs]\nhorizon = \"uniform(1, 2)\"\n", source: "u.toml")
        let result = try Simulation.run(
            prior,
            options: SimulationOptions(
                trials: 1000, seed: 4, threads: 1,
                percentiles: [Percentile(value: 0, label: "0"), Percentile(value: 100, label: "100")]))
        // With only H varying, training_tokens = r · H · N grows with H as H^½: its extremes come
        // from H's, which we can draw again from H's stream of the first chunk.
        let generator = Generator(seed: ChunkSeeder(seed: 4).seed(forChunk: 0, input: .horizon))
        let h = (0..<1000).map { _ in 1 + generator.uniform() }
        let tokens = { (h: Double) in 20 * h * (1e21 * Model.secondsPerYear / (6 * 20 * h)).squareRoot() }
        #expect(abs(result[.trainingTokens].percentiles[0] / tokens(h.min()!) - 1) < 1e-14)
        #expect(abs(result[.trainingTokens].percentiles[1] / tokens(h.max()!) - 1) < 1e-14)
    }

    @Test(
        "tallies merged from parts, one of them empty, find what one tally of every value finds", arguments: [1, 3, 7])
    func parts(_ partCount: Int) {
        let generator = Generator(seed: 31)
        // A lognormal body (70%, all below 400), then a value repeated by 30% of the trials:
        // an atom, which the window around the 90th percentile finds alone in its bucket.
        let values: [Double] = (0..<120_000).map { i in i % 10 < 3 ? 1e6 : exp(4 * (generator.uniform() - 0.5)) * 50 }
        let quantiles = [0.01, 0.2, 0.5, 0.9, 0.999]
        var tuning = SummaryTuning()
        tuning.windowSigmas = 1
        let plan = values.withUnsafeBufferPointer {
            KeptWindows(
                pilot: UnsafeBufferPointer(rebasing: $0[..<20_000]), trials: values.count, quantiles: quantiles,
                tuning: tuning)
        }
        #expect(plan.atoms == [1e6])
        func tally(_ slice: ArraySlice<Double>) -> OutputTally {
            slice.withUnsafeBufferPointer { ExactPercentiles.tallying($0, plan) }
        }
        let whole = tally(values[...])
        // Part 0 sees nothing; the others split the values unevenly.
        var merged = tally([])
        let cuts = (0...partCount).map { values.count * $0 * $0 / (partCount * partCount) }
        for k in 0..<partCount { merged.merge(tally(values[cuts[k]..<cuts[k + 1]])) }
        #expect(merged.partCount == partCount + 1)
        #expect(merged.keptCount == whole.keptCount)

        let sorted = values.sorted()
        let ranks = [0, 1_000, 24_000, 59_999, 83_999, 84_000, 108_000, 119_999]
        let (found, missing) = merged.orderStatistics(ranks: ranks, plan: plan)
        let (wholeFound, wholeMissing) = whole.orderStatistics(ranks: ranks, plan: plan)
        #expect(found == wholeFound)
        #expect(missing == wholeMissing)
        var all = found
        if !missing.isEmpty {
            let extraPlan = KeptWindows(recovering: Array(missing.keys), of: plan)
            let extra = values.withUnsafeBufferPointer { ExactPercentiles.tallying($0, extraPlan) }
            merged.recover(missing, into: &all, from: extra, extraPlan: extraPlan)
        }
        #expect(ranks.allSatisfy { all[$0] == sorted[$0] })
        #expect(!missing.isEmpty, "the narrow windows leave some ranks in gaps, so recovery is exercised")
    }
}
