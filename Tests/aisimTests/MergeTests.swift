import Foundation
import Testing

/// End to end: sketch mode, shards written by parallel processes, and merge.
@Suite("aisim sketches, shards and merge")
struct MergeTests {
    /// 600,000 trials make ten chunks, enough for eight shards.
    static let run = ["--trials", "6e5", "--seed", "11", "--set", "horizon=10 to 1000"]

    /// Runs `command` under /bin/sh in `directory`, with `$AISIM` naming the binary.
    func shell(_ command: String, in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["AISIM": aisimBinary.path]) { $1 }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("eight shards run in parallel by xargs -P, merged in any order, print exactly the single sketch-mode run")
    func eightShards() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = Self.run.map { "'\($0)'" }.joined(separator: " ")
        let status = try shell(
            "seq 1 8 | xargs -P 8 -I K \"$AISIM\" \(arguments) --shard K/8 --out part-K.shard 2>/dev/null",
            in: directory)
        #expect(status == 0)
        let files = (1...8).map { "part-\($0).shard" }
        for format in ["json", "table"] {
            let single = try aisim(Self.run + ["--summary", "sketch", "--format", format])
            #expect(single.status == 0)
            for order in [files, files.reversed(), files.shuffled(), files + [files[3]]] {
                let merged = try aisim(["merge"] + order + ["--format", format], in: directory)
                #expect(merged.status == 0 && merged.stderr.isEmpty, "\(merged.stderr)")
                #expect(merged.stdout == single.stdout, "\(format), order \(order)")
            }
        }
        let json = try jsonObject(try aisim(["merge"] + files + ["--format", "json"], in: directory).stdout)
        #expect(json["summary"] as? String == "sketch" && json["trials"] as? Int == 600_000)
    }

    @Test("a shard says what it wrote, writes nothing to stdout, and a rerun replaces its file with the same bytes")
    func rerun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try aisim(Self.run + ["--shard", "2/3", "--out", "b.shard"], in: directory)
        #expect(first.status == 0 && first.stdout.isEmpty)
        #expect(
            first.stderr == "aisim: wrote shard 2/3 (196,608 trials, from 196,608 to 393,216 of 600,000) to b.shard\n")
        let bytes = try Data(contentsOf: directory.appendingPathComponent("b.shard"))
        try Data("stale".utf8).write(to: directory.appendingPathComponent("b.shard"))
        #expect(try aisim(Self.run + ["--shard", "2/3", "--out", "b.shard"], in: directory).status == 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("b.shard")) == bytes)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["b.shard"], "no temporary files left behind")
    }

    @Test("merge refuses mismatched, missing, truncated and foreign files with one line and exit status 1")
    func mergeErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, extra) in [
            ("a", ["--shard", "1/2"]), ("b", ["--shard", "2/2"]), ("c", ["--shard", "2/2", "--seed", "12"]),
            ("d", ["--shard", "2/2", "--accuracy", "0.01"]), ("e", ["--shard", "2/2", "--set", "horizon=5"]),
        ] {
            #expect(try aisim(Self.run + extra + ["--out", "\(name).shard"], in: directory).status == 0)
        }
        let text = try String(contentsOf: directory.appendingPathComponent("b.shard"), encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(
            to: directory.appendingPathComponent("cut.shard"), atomically: true, encoding: .utf8)
        try "world_flops = 1e21\n".write(
            to: directory.appendingPathComponent("prior.toml"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["a.shard", "c.shard"], "c.shard: seed is 12, but a.shard has 11; merge only shards of one run"),
            (["a.shard", "d.shard"], "d.shard: accuracy is 0.01, but a.shard has 0.001"),
            (["a.shard", "e.shard"], "e.shard: prior input horizon is 5, but a.shard has 10 to 1000"),
            (["b.shard"], "1 of 2 shards missing: 1 (have 1); run them with --shard K/2 and merge again"),
            (
                ["a.shard", "cut.shard"],
                "cut.shard: corrupt or truncated: its contents do not match the SHA-256 in its header; rerun this shard"
            ),
            (["a.shard", "prior.toml"], "prior.toml: not an aisim shard file"),
            (["a.shard", "nothing.shard"], "nothing.shard: cannot read the file: no such file"),
        ]
        for (files, expected) in cases {
            let result = try aisim(["merge"] + files, in: directory)
            #expect(result.status == 1 && result.stdout.isEmpty, "\(files)")
            #expect(result.stderr.hasPrefix("aisim: error: \(expected)"), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test(
        "flags that cannot go together are usage errors",
        arguments: [
            (["--shard", "1/2"], "--shard needs --out FILE"),
            (["--shard", "0/2", "--out", "x"], "\"0/2\" is not K/N"),
            (["--shard", "1/17", "--out", "x"], "1,000,000 trials make only 16 chunks"),
            (["--out", "x", "--method", "lhs"], "cannot take --method lhs"),
            (["--out", "x", "--sensitivity"], "cannot take --sensitivity"),
            (["--out", "x", "--summary", "exact"], "cannot take --summary exact"),
            (["--out", "x", "--output", "y"], "cannot take --output"),
            (["--summary", "exact", "--accuracy", "0.01"], "does not apply to --summary exact"),
            (["--accuracy", "0.9"], "--accuracy 0.9: give a relative accuracy from 1e-5 to 0.5"),
            (["--summary", "sketch", "--method", "sobol"], "--method sobol needs exact percentiles"),
            (["--summary", "approximate"], "approximate"),
            (["merge"], "Missing expected argument '<file> ...'"),
        ])
    func usage(arguments: [String], expected: String) throws {
        expectUsageError(try aisim(arguments), expected)
    }

    @Test("sketch mode says so under the table, in CSV and in JSON")
    func sketchLabels() throws {
        let table = try aisim(["--trials", "1e5", "--summary", "sketch", "--accuracy", "0.01"])
        #expect(
            table.status == 0
                && table.stdout.contains(
                    "percentiles from a quantile sketch: each within ±0.78% of the exact order statistic")
        )
        let csv = try aisim(["--trials", "1e5", "--summary", "sketch", "--format", "csv"])
        #expect(csv.stdout.contains("# summary: quantile sketch"))
        let json = try jsonObject(try aisim(["--trials", "1e5", "--accuracy", "0.01", "--format", "json"]).stdout)
        #expect(
            json["summary"] as? String == "sketch" && (json["sketch_accuracy"] as? Double).map { $0 <= 0.01 } == true)
        let exact = try jsonObject(try aisim(["--trials", "1e5", "--format", "json"]).stdout)
        #expect(exact["summary"] as? String == "exact" && exact["sketch_accuracy"] is NSNull)
    }
}
