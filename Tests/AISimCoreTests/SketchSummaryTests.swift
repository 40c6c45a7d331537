import Foundation
import Testing

@testable import AISimCore

/// Sketch-mode runs against exact runs of the same seed, and shards against single runs.
@Suite("Sketch summary")
struct SketchSummaryTests {
    static func options(trials: Int, seed: UInt64 = 3, threads: Int = 1, summary: SummaryMode) -> SimulationOptions {
        SimulationOptions(
            trials: trials, seed: seed, threads: threads,
            percentiles: Percentile.defaults + [
                Percentile(value: 0, label: "0"), Percentile(value: 100, label: "100"),
            ], summary: summary)
    }

    @Test(
        "percentiles agree with the exact run's within the sketch's accuracy; the mean is identical and the intervals wider",
        arguments: [0.01, 0.001])
    func againstExact(accuracy: Double) throws {
        let prior = try EmbeddedPrior.load()
        let exact = try Simulation.run(prior, options: Self.options(trials: 300_001, summary: .exact))
        let sketched = try Simulation.run(
            prior, options: Self.options(trials: 300_001, summary: .sketch(accuracy: accuracy)))
        let alpha = try #require(sketched.sketchAccuracy)
        #expect(alpha <= accuracy && exact.sketchAccuracy == nil)
        for output in Output.allCases {
            let a = exact[output]
            let b = sketched[output]
            for (i, (x, y)) in zip(a.percentiles, b.percentiles).enumerated() {
                // Interpolating between representatives within α of each order statistic stays within α.
                #expect(
                    abs(y - x) <= alpha * x * (1 + 1e-14),
                    "\(output.spec.name) \(exact.percentiles[i].label): \(y) vs \(x)")
            }
            #expect(a.mean == b.mean && a.meanStandardError == b.meanStandardError, "\(output.spec.name) mean")
            for (i, (x, y)) in zip(a.intervals, b.intervals).enumerated() {
                if let lower = x.lower { #expect(try #require(y.lower) <= lower, "\(output.spec.name) \(i) lower") }
                if let upper = x.upper { #expect(try #require(y.upper) >= upper, "\(output.spec.name) \(i) upper") }
            }
        }
    }

    @Test("a sketch-mode run is the same on 1, 2 and 3 threads")
    func threads() throws {
        let prior = try EmbeddedPrior.load()
        let one = try Simulation.run(
            prior, options: Self.options(trials: 400_000, threads: 1, summary: .sketch(accuracy: 0.001)))
        for threads in [2, 3] {
            let other = try Simulation.run(
                prior, options: Self.options(trials: 400_000, threads: threads, summary: .sketch(accuracy: 0.001)))
            #expect(other.outputs == one.outputs, "\(threads) threads")
        }
    }

    @Test("shards of a run, merged in any order, give exactly the single run's summary", arguments: [1, 2, 3, 7])
    func shards(count: Int) throws {
        let prior = try EmbeddedPrior.load()
        let options = Self.options(trials: 458_753, threads: 2, summary: .sketch(accuracy: 0.001))
        let plan = ChunkPlan(trials: options.trials)
        let whole = try Simulation.sketch(prior, options: options, chunks: 0..<plan.count)
        let parts = try (1...count).map {
            try Simulation.sketch(prior, options: options, chunks: Shard(index: $0, count: count)!.chunks(of: plan))
        }
        for order in [Array(parts.indices), parts.indices.reversed(), parts.indices.shuffled()] {
            var merged = parts[order[0]]
            #expect(merged.isComplete == (count == 1))
            for i in order.dropFirst() { merged.merge(parts[i]) }
            #expect(merged.isComplete)
            #expect(merged.sketches == whole.sketches && MomentTree.root(merged.nodes) == MomentTree.root(whole.nodes))
            #expect(
                merged.result(percentiles: options.percentiles).outputs
                    == whole.result(percentiles: options.percentiles).outputs)
        }
        let single = try Simulation.run(prior, options: options)
        #expect(whole.result(percentiles: options.percentiles).outputs == single.outputs)
    }

    @Test("shard K of N takes chunks ⌊(K−1)C/N⌋ up to ⌊KC/N⌋, which tile the run")
    func shardChunks() throws {
        #expect(Shard(parsing: "3/8") == Shard(index: 3, count: 8))
        for bad in ["0/8", "9/8", "3", "3/", "/8", "a/b", "-1/2", "1/0", "1/2/3"] {
            #expect(Shard(parsing: bad) == nil, "\(bad)")
        }
        let plan = ChunkPlan(trials: 10 * ChunkPlan.standardSize + 5)
        for n in 1...11 {
            let ranges = (1...n).map { Shard(index: $0, count: n)!.chunks(of: plan) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == plan.count)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty })
            #expect(ranges.map(\.count).max()! - ranges.map(\.count).min()! <= 1)
        }
    }
}
