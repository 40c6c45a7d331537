import AISimCore
import Testing

@testable import AISimReport

/// PriorCheck.swift: what `aisim check` shows of each input.
@Suite("Prior check")
struct PriorCheckTests {
    @Test("check's p5, p50 and p95 are finite for small shapes")
    func checkIsFinite() throws {
        let p = try Prior.parse(
            """
            [inputs]
            horizon = "gamma(0.1, 1)"
            ai_share = "beta(1e-3, 1e-3)"
            tokens_per_param = "gamma(0.01, 20)"
            training_years = "truncate(gamma(0.1, 1), 1e-12, 100)"
            precision_speedup = "pert(1e-300, 1, 1e300)"
            """, source: "small.toml")
        let check = PriorCheck(p)
        for row in check.rows {
            let finite = [row.p5, row.p50, row.p95].allSatisfy { $0.isFinite }
            #expect(finite, "\(row.entry.text): \(row.p5) \(row.p50) \(row.p95)")
        }
        #expect(!check.table().contains("nan"))
    }

    @Test("a quantile beyond the range of Double is said in words, never printed as inf")
    func beyondDouble() throws {
        let p = try Prior.parse("[inputs]\nhorizon = \"normal(1e308, 1e308)\"\n", source: "wide.toml")
        let table = PriorCheck(p).table()
        #expect(table.contains("p95 beyond 1.8e308"))
        #expect(!table.contains("inf ") && !table.contains(" inf"))
    }

    @Test("a mean beyond the range of Double is null in JSON with a flag that says so, and only then")
    func meanBeyondDouble() throws {
        // lognormal(0, 420): E = exp(420^2 / 2), far beyond Double; "1 to 10" has a finite mean.
        let p = try Prior.parse(
            "[inputs]\nhorizon = \"1e-300 to 1e300\"\nworld_flops = \"1 to 10\"\n", source: "wide.toml")
        let json = PriorCheck(p).json()
        let horizon = try #require(json.range(of: "\"horizon\": {")).upperBound
        let world = try #require(json.range(of: "\"world_flops\": {")).upperBound
        let horizonBlock = json[horizon...].prefix { $0 != "}" }
        let worldBlock = json[world...].prefix { $0 != "}" }
        #expect(horizonBlock.contains("\"mean\": null") && horizonBlock.contains("\"mean_beyond_double\": true"))
        #expect(!worldBlock.contains("null") && !worldBlock.contains("mean_beyond_double"))
    }
}
