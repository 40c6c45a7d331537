import Foundation
import Testing

/// End to end: confidence intervals in every format, --precision, --max-trials and --method.
@Suite("aisim intervals, precision and methods")
struct ConfidenceTests {
    @Test("the table's footer gives the widest interval; --ci shows each interval and the mean's standard error")
    func table() throws {
        let plain = try aisim(["--trials", "2e4"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("\nMonte Carlo error: every percentile within ±"))
        #expect(plain.stdout.contains(" (95%, binomial order statistics; widest: "))
        #expect(plain.stdout.contains("; --ci shows each\n"))
        let one = try aisim(["--prior", "distributions/post-point.toml", "--trials", "1"])
        #expect(one.stdout.contains("\nMonte Carlo error: one trial has none to report; give --trials for a sample\n"))
        #expect(!plain.stdout.contains("["))
        let ci = try aisim(["--trials", "2e4", "--ci"])
        let p50 = try #require(ci.stdout.split(separator: "\n").first { $0.hasPrefix("p50 ") })
        #expect(p50.filter { $0 == "[" }.count == 4, "\(p50)")
        let mean = try #require(ci.stdout.split(separator: "\n").first { $0.hasPrefix("mean ") })
        #expect(mean.filter { $0 == "±" }.count == 4, "\(mean)")
    }

    @Test(
        "JSON has ci95 for every percentile of every output, the mean's standard error, and how they were computed",
        arguments: ["random", "lhs", "sobol"])
    func jsonIntervals(method: String) throws {
        let result = try aisim(["--trials", "1e5", "--method", method, "--percentiles", "5,50,95", "--format", "json"])
        #expect(result.status == 0)
        let object = try jsonObject(result.stdout)
        #expect(object["method"] as? String == method)
        #expect((object["replicates"] as? Int) == (method == "random" ? nil : 16))
        #expect(
            (object["interval_method"] as? String)?.contains(
                method == "random" ? "Binomial(n, p)" : "from 16 replicates, independent (Woodruff)") == true)
        let outputs = try #require(object["outputs"] as? [String: [String: Any]])
        #expect(outputs.count == 7)
        for (name, summary) in outputs {
            let percentiles = try #require(summary["percentiles"] as? [String: Double])
            let intervals = try #require(summary["ci95"] as? [String: [Double]])
            #expect(Set(intervals.keys) == ["p5", "p50", "p95"], "\(name)")
            for (key, bounds) in intervals {
                #expect(
                    bounds.count == 2 && bounds[0] <= percentiles[key]! && percentiles[key]! <= bounds[1],
                    "\(name) \(key)")
            }
            #expect((summary["mean_standard_error"] as? Double).map { $0 > 0 } == true, "\(name)")
        }
    }

    @Test("CSV with --ci adds mean_se and a low and high column per percentile; unbounded sides are empty")
    func csv() throws {
        let result = try aisim(["--trials", "50", "--percentiles", "1,50", "--format", "csv", "--ci"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines[0] == "output,unit,mean,p1,p50,mean_se,p1_lo,p1_hi,p50_lo,p50_hi")
        // Fifty trials cannot bound p1 from below: P(no value below the 1st percentile) = 0.99^50 = 61%.
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.count == 10 && fields[6].isEmpty && !fields[7].isEmpty && !fields[8].isEmpty)
        #expect(result.stdout.contains("# method: random\n"))
    }

    @Test("--precision reports the runs it made, and equals a plain run with the final trial count")
    func precision() throws {
        let result = try aisim(["--precision", "2%", "--trials", "1e4", "--format", "json"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        let object = try jsonObject(result.stdout)
        let precision = try #require(object["precision"] as? [String: Any])
        #expect(precision["met"] as? Bool == true && precision["target"] as? Double == 0.02)
        #expect((precision["achieved"] as? Double).map { $0 <= 0.02 } == true)
        let runs = try #require(precision["runs"] as? [Int])
        #expect(runs.first == 10_000 && runs.last == object["trials"] as? Int && runs.count >= 2)
        #expect(precision["max_trials"] as? Int == 100_000_000)
        let plain = try aisim(["--trials", "\(runs.last!)", "--format", "json"])
        #expect(try jsonObject(plain.stdout)["outputs"] as? NSDictionary == object["outputs"] as? NSDictionary)

        let table = try aisim(["--precision", "2%", "--trials", "1e4"])
        #expect(table.stdout.contains("precision: every percentile of parallel_tokens_per_s and streams within ±2%"))
    }

    @Test("a target out of reach stops at --max-trials: a warning on stderr, the table says so, exit 0")
    func stoppedShort() throws {
        let result = try aisim(["--precision", "0.1%", "--trials", "1e4", "--max-trials", "3e4"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("precision NOT reached: stopped at --max-trials 30,000"))
        #expect(result.stdout.contains("30,000 trials"))
        #expect(
            result.stderr.hasPrefix("aisim: warning: precision ±0.1% not reached: stopped at --max-trials 30000 with ±")
        )
    }

    @Test(
        "bad precision and method flags: exit 64 with the flag named",
        arguments: [
            (["--precision", "0.5"], "\"0.5\" is not a percentage; write it with a % sign, such as 0.5%"),
            (["--precision", "0%"], "0% is out of range"),
            (["--precision", "150%"], "150% is out of range"),
            (["--max-trials", "1e6"], "--max-trials applies only with --precision"),
            (
                ["--precision", "1%", "--trials", "1e6", "--max-trials", "1e5"],
                "--trials 1000000 is above --max-trials 100000"
            ),
            (
                ["--precision", "1%", "--max-trials", "1e15"],
                "--max-trials 1000000000000000: exact percentiles would need about"
            ),
            (["--method", "halton"], "\"halton\" is not a sampling method; choose random, lhs or sobol"),
        ])
    func badFlags(_ arguments: [String], _ expected: String) throws {
        expectUsageError(try aisim(arguments), expected)
    }

    @Test("every method gives byte-identical output on 1 and 2 threads", arguments: ["lhs", "sobol"])
    func threads(method: String) throws {
        let one = try aisim(["--trials", "2e5", "--method", method, "--threads", "1", "--format", "csv", "--ci"])
        let two = try aisim(["--trials", "2e5", "--method", method, "--threads", "2", "--format", "csv", "--ci"])
        #expect(one.status == 0 && one.stdout == two.stdout)
    }
}
