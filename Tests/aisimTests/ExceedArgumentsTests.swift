import Foundation
import Testing

/// `--exceed` end to end: the table's block, CSV's section, JSON's array, shards that carry
/// their counts, and the refusals.
@Suite("--exceed")
struct ExceedArgumentsTests {
    @Test("run: the table, CSV and JSON give the same count and probability")
    func formats() throws {
        let arguments = ["--trials", "1e5", "--exceed", "streams>=1e8"]
        let table = try aisim(arguments)
        let line = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("P(streams >= 1.00e8)") })
        let csv = try aisim(arguments + ["--format", "csv"]).stdout.split(separator: "\n")
        let header = try #require(
            csv.firstIndex(of: "exceedance_output,op,threshold,probability,count,trials,ci95_lo,ci95_hi"))
        let fields = csv[header + 1].split(separator: ",")
        let json = try jsonObject(try aisim(arguments + ["--format", "json"]).stdout)
        let exceedance = try #require((json["exceedances"] as? [[String: Any]])?.first)
        let count = try #require(exceedance["count"] as? Int)
        #expect(fields[0] == "streams" && fields[1] == ">=" && Int(fields[4]) == count && fields[5] == "100000")
        #expect(line.contains("(\(NumberFormat.grouped(count)) of 100,000 trials)"))
        #expect(exceedance["output"] as? String == "streams" && exceedance["op"] as? String == ">=")
    }

    @Test("a threshold on an output the prior does not report (and so does not compute) is a flag error")
    func unreported() throws {
        for command in [["run"], ["sweep", "--vary", "horizon=1,10"]] {
            let result = try aisim(
                command + [
                    "--prior", "distributions/post-point.toml", "--trials", "10", "--exceed", "researcher_multiple>=1",
                ])
            expectUsageError(
                result, "--exceed researcher_multiple: this prior does not report it; set human_ai_researchers")
        }
    }

    @Test("shards carry their counts: merged, they give the single sketch run's probability exactly")
    func shards() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = ["--trials", "3e5", "--seed", "4", "--exceed", "streams>=1e8"]
        for k in 1...3 {
            #expect(try aisim(run + ["--shard", "\(k)/3", "--out", "p\(k).shard"], in: directory).status == 0)
        }
        let merged = try aisim(["merge", "p1.shard", "p2.shard", "p3.shard", "--format", "json"], in: directory)
        let single = try aisim(run + ["--summary", "sketch", "--format", "json"], in: directory)
        let a = try jsonObject(merged.stdout)["exceedances"] as? [[String: Any]]
        let b = try jsonObject(single.stdout)["exceedances"] as? [[String: Any]]
        #expect(a?.first?["count"] as? Int == b?.first?["count"] as? Int && a?.first?["count"] != nil)
        let missing = try aisim(
            ["merge", "p1.shard", "p2.shard", "p3.shard", "--exceed", "streams>=1e9"], in: directory)
        #expect(missing.status == 1 && missing.stdout.isEmpty)
        #expect(
            missing.stderr.contains(
                "the shards hold no count past streams>=1000000000.0 (they counted streams>=100000000.0)"),
            "\(missing.stderr)")
    }

    @Test(
        "a malformed or repeated threshold is a flag error (exit 64)",
        arguments: [
            (["--exceed", "stream>=1e6"], "unknown output \"stream\"; did you mean \"streams\"?"),
            (["--exceed", "streams=1e6"], "has no comparison"),
            (["--exceed", "streams>=x"], "\"x\" is not a finite number"),
            (["--exceed", "streams>=1e6", "--exceed", "streams >= 1e6"], "--exceed streams>=1000000.0 is given twice"),
        ])
    func malformed(_ arguments: [String], _ expected: String) throws {
        expectUsageError(try aisim(["--trials", "1e3"] + arguments), expected)
    }
}

private enum NumberFormat {
    /// `12,345`, as the table writes counts.
    static func grouped(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: n)) ?? "\(n)"
    }
}
