import Foundation
import Testing

/// `aisim timeline`, the lower bound's gallery prior and the new inputs' errors, end to end.
@Suite("aisim timeline and the lower bound")
struct TimelineTests {
    @Test("each year's row is exactly the run with --set year=Y: same seed, same draws")
    func rowsAreRuns() throws {
        let timeline = try jsonObject(
            try aisim([
                "timeline", "--prior", "timeline", "--years", "2024:2032:4", "--trials", "2e4", "--format", "json",
            ])
            .stdout)
        let years = try #require(timeline["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Double } == [2024, 2028, 2032])
        for row in years {
            let year = try #require(row["year"] as? Double)
            let run = try jsonObject(
                try aisim([
                    "--prior", "timeline", "--set", "year=\(Int(year))", "--trials", "2e4", "--percentiles", "5,50,95",
                    "--format", "json",
                ]).stdout)
            let runOutputs = try #require(run["outputs"] as? [String: [String: Any]])
            let rowOutputs = try #require(row["outputs"] as? [String: [String: Any]])
            #expect(Set(rowOutputs.keys) == ["parallel_tokens_per_s", "streams"])
            for (name, output) in rowOutputs {
                #expect(
                    output["percentiles"] as? [String: Double] == runOutputs[name]?["percentiles"] as? [String: Double],
                    "\(name) in \(year)")
                #expect(output["mean"] as? Double == runOutputs[name]?["mean"] as? Double)
            }
        }
    }

    @Test("with --exceed the table names the first year past 50%, and JSON agrees with its own rows")
    func crossing() throws {
        let arguments = ["timeline", "--prior", "timeline", "--years", "2024:2040:2", "--trials", "2e4"]
        let json = try jsonObject(try aisim(arguments + ["--exceed", "streams>=1e9", "--format", "json"]).stdout)
        let rows = try #require(json["years"] as? [[String: Any]])
        let probabilities = rows.map {
            (($0["exceedances"] as? [[String: Any]])?.first?["probability"] as? Double) ?? -1
        }
        let first = zip(rows, probabilities).first { $1 > 0.5 }.map { $0.0["year"] as? Double }
        let crossings = try #require(json["crossings"] as? [[String: Any]])
        #expect(crossings.count == 1)
        let reported = crossings[0]["first_year_above_half"] as? Double
        #expect(first != nil && reported == first!, "\(probabilities)")
        #expect(zip(probabilities, probabilities.dropFirst()).allSatisfy { $0 <= $1 }, "smooth across years")
        let table = try aisim(arguments + ["--exceed", "streams>=1e9"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("P(streams >= 1.00e9) first passes 50% in \(Int(reported ?? 0))"))
        #expect(table.stdout.contains("not modelled: algorithmic progress in training"))
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("  year ") && $0.hasSuffix("--years") })
        let csv = try aisim(arguments + ["--format", "csv"]).stdout.split(separator: "\n")
        let header = try #require(csv.first { !$0.hasPrefix("#") })
        #expect(
            header.hasPrefix("year,parallel_tokens_per_s_p5,parallel_tokens_per_s_p5_lo,parallel_tokens_per_s_p5_hi"))
        #expect(csv.filter { $0.hasPrefix("20") }.count == 9)
    }

    @Test("--svg writes the fan chart beside an unchanged table; it cannot share a file with --output")
    func fanChart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["timeline", "--prior", "timeline", "--years", "2024:2030:3", "--trials", "1e4"]
        let plain = try aisim(arguments, in: directory)
        let charted = try aisim(arguments + ["--svg", "fan.svg", "--exceed", "streams>=1e8"], in: directory)
        #expect(charted.status == 0, "\(charted.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("fan.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("class=\"band\"") && svg.contains("class=\"threshold\""))
        let rows = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("20") }.map { $0.prefix(60) } }
        #expect(rows(plain.stdout) == rows(charted.stdout), "the table shows p5, p50, p95 either way")
        expectUsageError(
            try aisim(arguments + ["--svg", "same.out", "--output", "same.out"], in: directory), "is the same file as")
    }

    @Test("sweep --svg draws one numeric axis; distributions or a grid are flag errors")
    func sweepChart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drawn = try aisim(
            ["sweep", "--vary", "horizon=1,10,100", "--trials", "1e4", "--svg", "s.svg"], in: directory)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("s.svg"), encoding: .utf8)
        #expect(svg.contains("horizon (token-eq, log scale)") && svg.contains("class=\"band\""))
        expectUsageError(
            try aisim(["sweep", "--vary", "horizon=1 to 10; 10 to 100", "--svg", "s.svg"], in: directory),
            "--svg needs --vary horizon to take increasing numbers")
        expectUsageError(
            try aisim(
                ["sweep", "--vary", "horizon=1,10", "--vary", "ai_share=0.1,0.2", "--svg", "s.svg"], in: directory),
            "--svg draws a sweep of one input")
    }

    @Test(
        "bad --years are flag errors (exit 64) naming what is wrong",
        arguments: [
            ("2040:2024", "the last year, 2024, is before the first, 2040"),
            ("2024:2040:0", "the step must be a positive number of years"),
            ("2024:2040:-1", "the step must be a positive number of years"),
            ("2024:3000", "gives 977 years; a timeline has at most 200"),
            ("2024", "give FIRST:LAST or FIRST:LAST:STEP"),
            ("2024:soon", "give FIRST:LAST or FIRST:LAST:STEP"),
        ])
    func badYears(_ years: String, _ expected: String) throws {
        expectUsageError(try aisim(["timeline", "--years", years]), expected)
    }

    @Test("the new inputs' domains are prior errors (exit 1) with the line; growth without year is a warning")
    func domains() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (text, expected) in [
            ("deploy_share = 1.5", "d.toml:2: deploy_share: 1.5 is outside the input's domain: it must be in (0, 1]"),
            ("compute_growth = -2", "d.toml:2: compute_growth: -2"),
            ("serial_speed_growth = 0", "d.toml:2: serial_speed_growth: 0"),
        ] {
            try "[inputs]\n\(text)\n".write(
                to: directory.appendingPathComponent("d.toml"), atomically: true, encoding: .utf8)
            let result = try aisim(["--prior", "d.toml", "--trials", "1e3"], in: directory)
            #expect(result.status == 1 && result.stdout.isEmpty)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
        try "[inputs]\ncompute_growth = \"1.5 to 3\"\n".write(
            to: directory.appendingPathComponent("g.toml"), atomically: true, encoding: .utf8)
        let check = try aisim(["check", "g.toml"], in: directory)
        #expect(check.stdout.contains("compute_growth (line 2): has no effect without year"))
    }

    @Test("explain --post gives the lower bound in numbers; explain shows the max and the growth factors")
    func explain() throws {
        let post = try aisim(["explain", "--post"]).stdout
        #expect(post.contains("P = 1.5416e8 tokens/s, 5× the post's point"))
        let bound = try aisim(["explain", "--prior", "post-lower-bound", "--set", "ai_share=0.01"]).stdout
        #expect(bound.contains("R = max(F, deploy_share × world_flops) = max(4e19, 0.25 × 4e21) = 1e21 FLOP/s"))
        let grown = try aisim(["explain", "--post", "--set", "year=2033", "--set", "compute_growth=2"]).stdout
        #expect(
            grown.contains(
                "F = world_flops × compute_growth^(year − base_year) × ai_share = 4e21 × 2^(2033 − 2023) × 0.25"))
    }
}
