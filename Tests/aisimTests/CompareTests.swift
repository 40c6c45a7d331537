import Foundation
import Testing

/// `aisim compare` end to end.
@Suite("aisim compare")
struct CompareTests {
    @Test("the table names the priors and shows B / A; JSON has the documented shape")
    func output() throws {
        let files = ["distributions/finnveden-2023.toml", "distributions/long-horizon.toml"]
        let table = try aisim(["compare"] + files + ["--trials", "2e4", "--percentiles", "5,50,95"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("Comparison on common random numbers · 20,000 trials · seed 1\nA: "))
        #expect(table.stdout.contains("\nB / A, trial by trial\n") && table.stdout.contains("P(B > A)"))
        let json = try jsonObject(try aisim(["compare"] + files + ["--trials", "2e4", "--format", "json"]).stdout)
        let priors = try #require(json["priors"] as? [[String: Any]])
        #expect(priors.count == 2 && (priors[1]["prior"] as? [String: Any])?["path"] as? String == files[1])
        let comparison = try #require((json["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["baseline"] as? String == files[0] && comparison["prior"] as? String == files[1])
        let ratio = try #require((comparison["ratio"] as? [String: [String: Any]])?["streams"])
        #expect(ratio["p_greater"] as? Double != nil && (ratio["ci"] as? [Double])?.count == 2)
        #expect((ratio["percentiles"] as? [String: Double])?["p50"] != nil)
    }

    @Test("--exceed: each prior's probability side by side, in every format, equal to its own run's count")
    func exceed() throws {
        let files = ["distributions/finnveden-2023.toml", "distributions/cheap-inference.toml"]
        let arguments = ["--trials", "3e4", "--exceed", "streams>=1e8"]
        let table = try aisim(["compare"] + files + arguments)
        #expect(table.status == 0, "\(table.stderr)")
        let line = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("P(streams >= 1.00e8)") })
        let json = try jsonObject(try aisim(["compare"] + files + arguments + ["--format", "json"]).stdout)
        let priors = try #require(json["priors"] as? [[String: Any]])
        let csv = try aisim(["compare"] + files + arguments + ["--format", "csv"]).stdout.split(separator: "\n")
        let header = try #require(
            csv.firstIndex(of: "prior,exceedance_output,op,threshold,probability,count,trials,ci95_lo,ci95_hi"))
        for (k, file) in files.enumerated() {
            let own = try jsonObject(try aisim(["--prior", file, "--format", "json"] + arguments).stdout)
            let expected = try #require((own["exceedances"] as? [[String: Any]])?.first?["count"] as? Int)
            let compared = (priors[k]["exceedances"] as? [[String: Any]])?.first
            #expect(compared?["count"] as? Int == expected, "\(file)")
            let probability = Double(expected) / 3e4
            #expect(line.contains(String(format: "%.3g", probability)), "\(line)")
            #expect(
                csv[header + 1 + k].hasPrefix("\(file),streams,>=,")
                    && csv[header + 1 + k].contains(",\(expected),30000,"))
        }
        let unreported = try aisim(
            [
                "compare", "distributions/finnveden-2023.toml", "distributions/post-point.toml", "--exceed",
                "researcher_multiple>=1", "--trials", "1e3",
            ])
        expectUsageError(unreported, "--exceed researcher_multiple: this prior does not report it")
    }

    @Test("one prior is a flag error (64); an output a prior does not report cannot be compared (1)")
    func refusals() throws {
        expectUsageError(
            try aisim(["compare", "distributions/post-point.toml"]), "compare needs two or more prior files (got 1)")
        let result = try aisim([
            "compare", "distributions/finnveden-2023.toml", "distributions/post-point.toml", "--outputs",
            "researcher_multiple",
            "--trials", "1e3",
        ])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(
            result.stderr.contains("distributions/post-point.toml: this prior does not report researcher_multiple"),
            "\(result.stderr)")
    }
}
