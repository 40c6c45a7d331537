import Foundation
import Testing

@Suite("aisim sweep")
struct SweepTests {
    @Test("each row equals the single run with --set NAME=VALUE and the same seed")
    func rowsEqualSingleRuns() throws {
        let sweep = try aisim([
            "sweep", "--vary", "horizon=logspace(1, 1000, 4)", "--trials", "3e4", "--seed", "5", "--format", "json",
        ])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let rows = try #require(try jsonObject(sweep.stdout)["rows"] as? [[String: Any]])
        #expect(rows.map { ($0["values"] as? [String: String])?["horizon"] } == ["1", "10", "100", "1000"])
        for row in rows {
            let value = try #require((row["values"] as? [String: String])?["horizon"])
            let single = try aisim([
                "--set", "horizon=\(value)", "--trials", "3e4", "--seed", "5", "--percentiles", "5,50,95", "--format",
                "json",
            ])
            let outputs = try #require(try jsonObject(single.stdout)["outputs"] as? [String: [String: Any]])
            let swept = try #require(row["outputs"] as? [String: [String: Any]])
            for name in ["parallel_tokens_per_s", "streams"] {
                #expect(
                    swept[name]!["percentiles"] as? [String: Double] == outputs[name]!["percentiles"]
                        as? [String: Double], "\(name) at \(value)")
                #expect(swept[name]!["mean"] as? Double == outputs[name]!["mean"] as? Double)
            }
        }
    }

    @Test("the table has one row per value, p5, p50 and p95 of both outputs, and the inputs")
    func table() throws {
        let result = try aisim(["sweep", "--vary", "ai_share=0.1,0.2,0.4", "--trials", "1e4"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Sweep of ai_share (fraction) · Finnveden (2023), with uncertainty")
        #expect(
            lines[3].split(separator: " ") == [
                "ai_share", "parallel_tokens_per_s", "p5", "parallel_tokens_per_s", "p50", "parallel_tokens_per_s",
                "p95",
                "streams", "p5", "streams", "p50", "streams", "p95",
            ])
        #expect(lines[4].hasPrefix("0.1 ") && lines[5].hasPrefix("0.2 ") && lines[6].hasPrefix("0.4 "))
        #expect(lines.contains { $0.hasPrefix("  ai_share") && $0.hasSuffix("--vary") })
    }

    @Test("CSV has a header with every output and percentile, and one row per value")
    func csv() throws {
        let result = try aisim(["sweep", "--vary", "horizon=linspace(1, 3, 3)", "--trials", "1e4", "--format", "csv"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(
            rows[0]
                == "horizon,parallel_tokens_per_s_p5,parallel_tokens_per_s_p50,parallel_tokens_per_s_p95,streams_p5,streams_p50,streams_p95"
        )
        #expect(rows.dropFirst().map { $0.split(separator: ",")[0] } == ["1", "2", "3"])
        #expect(result.stdout.contains("# varied: horizon"))
    }

    @Test(
        "bad --vary values are refused with the input named",
        arguments: [
            ("horizn=1,2", 1, "aisim: error: --vary: horizn: unknown input; did you mean \"horizon\"?"),
            ("horizon", 64, "--vary horizon: give NAME=VALUES"),
            ("horizon=1,ten", 1, "--vary: horizon: \"ten\" is not a number"),
            ("ai_share=0.5,1.5", 1, "--vary: ai_share: 1.5 is outside the input's domain: it must be in (0, 1]"),
            ("horizon=logspace(0, 10, 3)", 1, "logspace needs positive ends"),
            ("horizon=logspace(1, 10)", 1, "logspace takes two numbers and a whole count"),
            ("horizon=linspace(5, 1, 3)", 1, "the first value must be less than the last"),
            ("horizon=geomspace(1, 10, 3)", 1, "\"geomspace\" is not a range"),
        ])
    func badVary(_ spec: String, _ status: Int32, _ expected: String) throws {
        let result = try aisim(["sweep", "--vary", spec, "--trials", "1e3"])
        #expect(result.status == status)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }
}

@Suite("aisim sensitivity")
struct SensitivityCommandTests {
    @Test("the table lists every uncertain input by share for both outputs, with a tornado")
    func table() throws {
        let result = try aisim(["sensitivity", "--trials", "5e4"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("sensitivity of parallel_tokens_per_s (token-eq/s)"))
        #expect(result.stdout.contains("sensitivity of streams (streams)"))
        #expect(result.stdout.contains("the shares add up to"))
        #expect(result.stdout.contains("tornado: the median with each input held at its p5 (-) and at its p95 (+)"))
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  horizon ") }
        #expect(rows.count == 4)
    }

    @Test("--sensitivity adds the section to a run without changing its numbers")
    func runFlag() throws {
        let plain = try aisim(["--trials", "5e4", "--format", "json"])
        let with = try aisim(["--trials", "5e4", "--format", "json", "--sensitivity"])
        let a = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(with.stdout.utf8)) as? [String: Any])
        #expect(
            NSDictionary(dictionary: a["outputs"] as! [String: Any])
                == NSDictionary(dictionary: b["outputs"] as! [String: Any]))
        let sensitivity = try #require(b["sensitivity"] as? [String: Any])
        let outputs = try #require(sensitivity["outputs"] as? [String: [String: Any]])
        let inputs = try #require(outputs["streams"]?["inputs"] as? [[String: Any]])
        #expect(inputs.count == 8)
        #expect(abs((outputs["streams"]!["shares_total"] as! Double) - 1) < 0.02)
        let table = try aisim(["--trials", "5e4", "--sensitivity"])
        #expect(table.stdout.contains("sensitivity of streams (streams)"))
        let csv = try aisim(["--trials", "5e4", "--sensitivity", "--format", "csv"])
        #expect(csv.status == 64 && csv.stderr.contains("aisim sensitivity --format csv"))
    }

    @Test("CSV has one row per output and input")
    func csv() throws {
        let result = try aisim(["sensitivity", "--trials", "2e4", "--format", "csv"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows[0] == "output,input,share,spearman,elasticity,input_p5,input_p95,median_at_p5,median_at_p95")
        #expect(rows.count == 1 + 2 * 8)
    }
}

@Suite("aisim sweep: distributions, grids and common random numbers")
struct SweepGridTests {
    @Test("values may be distributions, and a row equals the single run with --set")
    func distributions() throws {
        let sweep = try aisim([
            "sweep", "--vary", "horizon=1 to 10; loguniform(1, 1e4)", "--trials", "1e4", "--seed", "2", "--format",
            "json",
        ])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let rows = try #require(try jsonObject(sweep.stdout)["rows"] as? [[String: Any]])
        #expect(rows.map { ($0["values"] as? [String: String])?["horizon"] } == ["1 to 10", "loguniform(1, 1e4)"])
        let single = try jsonObject(
            try aisim([
                "--set", "horizon=loguniform(1, 1e4)", "--trials", "1e4", "--seed", "2", "--percentiles", "5,50,95",
                "--format", "json",
            ])
            .stdout)
        let swept = try #require(
            (rows[1]["outputs"] as? [String: [String: Any]])?["streams"]?["percentiles"] as? [String: Double])
        #expect(
            swept == (single["outputs"] as? [String: [String: Any]])?["streams"]?["percentiles"] as? [String: Double])
    }

    /// With common random numbers, the rows of a sweep over ai_share (a point in every row)
    /// share every other input's draws, so each row's streams are the first row's times
    /// √(share ratio), percentile by percentile, to rounding.
    @Test(
        "a grid runs every pair; rows share the other inputs' draws, so a point input scales every percentile exactly")
    func grid() throws {
        let sweep = try aisim([
            "sweep", "--vary", "horizon=1,100", "--vary", "ai_share=0.1,0.4", "--trials", "1e4", "--format", "json",
            "--exceed", "streams>=1e7",
        ])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let json = try jsonObject(sweep.stdout)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(
            rows.map { ($0["values"] as? [String: String]).map { [$0["horizon"]!, $0["ai_share"]!] } } == [
                ["1", "0.1"], ["1", "0.4"], ["100", "0.1"], ["100", "0.4"],
            ])
        func p(_ row: Int) throws -> [Double] {
            let percentiles = try #require(
                (rows[row]["outputs"] as? [String: [String: Any]])?["streams"]?["percentiles"] as? [String: Double])
            return ["p5", "p50", "p95"].map { percentiles[$0]! }
        }
        for (a, b) in zip(try p(0), try p(1)) { #expect(abs(b / a - 2) < 1e-12) }
        #expect((rows[0]["exceedances"] as? [[String: Any]])?.first?["op"] as? String == ">=")
    }

    @Test(
        "three --vary, one input twice, or an unreported output are refused",
        arguments: [
            (
                ["--vary", "horizon=1,2", "--vary", "ai_share=0.1", "--vary", "training_years=1"], 64,
                "--vary is given 3 times"
            ),
            (["--vary", "horizon=1,2", "--vary", "horizon=3"], 64, "--vary names horizon twice"),
            (
                [
                    "--vary", "horizon=1,2", "--outputs", "researcher_multiple", "--prior",
                    "distributions/post-point.toml",
                ], 64, "this prior does not report it"
            ),
            (["--vary", "horizon=1 to 10; lognrmal(1, 2)"], 1, "\"lognrmal(1, 2)\": unknown family"),
        ])
    func refusals(_ arguments: [String], _ status: Int32, _ expected: String) throws {
        let result = try aisim(["sweep", "--trials", "1e3"] + arguments)
        #expect(result.status == status && result.stdout.isEmpty)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }
}
