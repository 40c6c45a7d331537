import AISimCore
import Testing

@testable import AISimReport

/// RunChanges: which numbers changed between two runs, by how much, and which changes lie
/// inside the previous run's Monte Carlo error.
@Suite("Run changes")
struct RunChangesTests {
    static func result(_ horizon: String, trials: Int = 20_000, seed: UInt64 = 3) throws -> SimulationResult {
        let prior = try Prior.parse("title = \"t\"\n[inputs]\nhorizon = \"\(horizon)\"\n", source: "r.toml")
        let options = SimulationOptions(
            trials: trials, seed: seed, threads: 1, percentiles: try Percentile.parseList("5,50,95"))
        return try Simulation.run(prior, options: options)
    }

    @Test("the same run has no changes, and says so")
    func unchanged() throws {
        let run = try Self.result("10 to 1000")
        let changes = RunChanges(from: run, to: run, outputs: [.parallelTokensPerS, .streams])
        #expect(changes.changes.isEmpty)
        #expect(changes.lines(since: 4) == ["no change since run 4"])
    }

    @Test("a large edit changes every number outside the previous intervals, by its relative change")
    func large() throws {
        let before = try Self.result("10 to 1000")
        let after = try Self.result("100 to 10000")
        let changes = RunChanges(from: before, to: after, outputs: [.streams])
        #expect(changes.changes.map(\.label) == ["p5", "p50", "p95", "mean"])
        #expect(changes.changes.allSatisfy { $0.output == .streams && !$0.withinError })
        let median = try #require(changes.changes.first { $0.label == "p50" })
        #expect(median.before == before[.streams].percentiles[1] && median.after == after[.streams].percentiles[1])
        let relative = try #require(median.relative)
        #expect(abs(relative - (median.after - median.before) / median.before) < 1e-12 && relative > 0)
        let lines = changes.lines(since: 1)
        #expect(lines.count == 5 && lines[0].hasPrefix("changes since run 1 (within Monte Carlo error: inside run 1's"))
        let shown =
            "\(Notation.sci.format(median.before)) → \(Notation.sci.format(median.after)) (+\(NumberFormat.percentage(relative)))"
        #expect(lines[2].hasPrefix("  streams  p50 ") && lines[2].hasSuffix(shown), "\(lines[2])")
    }

    @Test("a change smaller than the previous interval is marked as within Monte Carlo error")
    func withinError() throws {
        let before = try Self.result("10 to 1000")
        let after = try Self.result("10 to 1000.01")
        let changes = RunChanges(from: before, to: after, outputs: [.streams])
        #expect(!changes.changes.isEmpty && changes.changes.allSatisfy { $0.withinError })
        let largest = try #require(changes.changes.max { abs($0.relative ?? 0) < abs($1.relative ?? 0) })
        let lines = changes.lines(since: 2)
        #expect(lines.count == 2, "one line for the output's changes within Monte Carlo error: \(lines)")
        #expect(
            lines[1].hasPrefix("  streams  4 changes within Monte Carlo error, the largest \(largest.label) ")
                && lines[1].hasSuffix("%"), "\(lines[1])")
        // One change within error keeps its own line; beside others, the rest are counted.
        let chance = RunChanges.Change(output: .streams, label: "p50", before: 100, after: 100.1, withinError: true)
        let real = RunChanges.Change(output: .streams, label: "p5", before: 10, after: 20, withinError: false)
        #expect(
            RunChanges([chance]).lines(since: 1).last == "  streams  p50  100 → 100 (+0.1%, within Monte Carlo error)")
        let mixed = RunChanges([real, chance, chance]).lines(since: 1)
        #expect(
            mixed.dropFirst() == [
                "  streams  p5   10.0 → 20.0 (+100%)",
                "  streams  2 more changes within Monte Carlo error, the largest p50 +0.1%",
            ], "\(mixed)")
        // Another seed: the same prior's numbers move by chance, inside the intervals.
        let reseeded = RunChanges(from: before, to: try Self.result("10 to 1000", seed: 4), outputs: [.streams])
        let medians = reseeded.changes.filter { $0.label == "p50" }
        #expect(medians.allSatisfy { $0.withinError })
    }

    @Test("a percentage carries its sign, and a change from zero has none")
    func signs() {
        #expect(RunChanges.signedPercentage(0.12) == "+12%")
        #expect(RunChanges.signedPercentage(-0.0031) == "-0.31%")
        #expect(RunChanges.signedPercentage(0) == "0%")
    }
}
