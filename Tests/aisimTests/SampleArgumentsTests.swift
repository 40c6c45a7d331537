import Foundation
import Testing

/// `--samples FILE`, end to end: the files, their provenance, real numpy reading them, and
/// every way the flag can be misused.
@Suite("--samples")
struct SampleArgumentsTests {
    @Test("a run writes FILE.npy and FILE.json, says so on stderr, and prints its table as before")
    func writes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try aisim(["--trials", "1e4"], in: directory)
        let result = try aisim(["--trials", "1e4", "--samples", "run.npy", "--threads", "2"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout == plain.stdout)
        #expect(result.stderr.hasPrefix("aisim: wrote 10,000 trials × "))
        #expect(result.stderr.hasSuffix("to run.npy, provenance in run.json\n"))
        #expect(try listing(directory) == ["run.json", "run.npy"])
        let provenance = try jsonObject(
            String(decoding: try Data(contentsOf: directory.appendingPathComponent("run.json")), as: UTF8.self))
        #expect(provenance["rows"] as? Int == 10_000)
        #expect(provenance["first_trial"] as? Int == 0)
        #expect(provenance["seed"] as? Int == 1)
        #expect(provenance["method"] as? String == "random")
        #expect(provenance["file"] as? String == "run.npy")
        let prior = try #require(provenance["prior"] as? [String: Any])
        #expect(prior["sha256"] as? String == (try embeddedSHA256()))
        let inputs = try #require(prior["inputs"] as? [String: String])
        #expect(inputs["train_flop_per_param_token"] == "6", "fixed inputs are recorded too")
        let columns = try #require(provenance["columns"] as? [[String: String]])
        #expect(columns.first?["name"] == "world_flops" && columns.first?["kind"] == "input")
    }

    @Test("real numpy loads the .npy and the .csv, and np.percentile equals the JSON's percentiles")
    func numpy() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try aisim(
            [
                "--trials", "2e5", "--samples", "s.npy", "--format", "json", "--output", "run.json", "--percentiles",
                "1,5,50,95,99", "--quiet",
            ], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try aisim(["--trials", "2e5", "--samples", "s.csv", "--quiet"], in: directory).status == 0)
        let script = """
            import json, sys
            import numpy as np
            a = np.load("s.npy")
            c = np.genfromtxt("s.csv", delimiter=",", names=True)
            assert a.dtype.names == c.dtype.names, (a.dtype.names, c.dtype.names)
            assert all(np.array_equal(a[n], c[n]) for n in a.dtype.names), "csv differs from npy"
            run = json.load(open("run.json"))
            assert len(a) == run["trials"] == 200000
            worst = 0.0
            for name, out in run["outputs"].items():
                for key, value in out["percentiles"].items():
                    got = np.percentile(a[name], float(key[1:]))
                    worst = max(worst, abs(got / value - 1))
            assert worst < 1e-13, worst
            print("ok", len(run["outputs"]), worst)
            """
        let python = try shell("python3 -c '\(script.replacingOccurrences(of: "'", with: "'\\''"))'", in: directory)
        #expect(
            python.status == 0,
            "numpy check failed (is numpy installed? .ci/install-deps installs it): \(python.stderr)")
        #expect(python.stdout.hasPrefix("ok "))
    }

    @Test("a name that is not .npy or .csv, or an empty one, is a usage error")
    func badNames() throws {
        expectUsageError(try aisim(["--samples", "run.parquet"]), "--samples run.parquet: name a .npy file")
        expectUsageError(try aisim(["--samples", ""]), "--samples '': give a file name")
    }

    @Test("the provenance may not land on another output")
    func collision() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try aisim(["--samples", "run.npy", "--output", "run.json", "--format", "json"], in: directory)
        expectUsageError(result, "run.json is the same file as")
        #expect(try listing(directory).isEmpty)
    }

    @Test("a missing directory, or more than the disk holds, fails before any work with exit 1 and no files")
    func refusals() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try aisim(["--trials", "1e4", "--samples", "none/run.npy"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderr == "aisim: error: none/run.npy: cannot write: no such directory: none\n")
        let huge = try aisim(["--trials", "9e15", "--summary", "sketch", "--samples", "run.csv"], in: directory)
        #expect(huge.status == 1)
        #expect(huge.stderr.hasPrefix("aisim: error: run.csv: cannot write: 9000000000000000 trials need up to "))
        #expect(huge.stderr.hasSuffix(" free\n"))
        #expect(huge.stdout.isEmpty)
        #expect(try listing(directory).isEmpty)
    }

    @Test("a prior whose samples leave the domain fails with exit 1 and leaves no samples")
    func badPrior() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[inputs]\nhorizon = \"normal(1, 5)\"\n".write(
            to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["--prior", "bad.toml", "--trials", "2e5", "--samples", "s.csv"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(try listing(directory) == ["bad.toml"])
    }

    @Test("a signal mid-run removes every chunk's temporary file")
    func interrupted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, stderr) = try InterruptsTests.interrupt(
            ["--trials", "1e7", "--samples", "s.csv"], in: directory, signal: SIGINT, after: 1.5)
        #expect(status == 130)
        #expect(stderr == "aisim: interrupted\n")
        #expect(try listing(directory).isEmpty)
    }

    @Test("a shard writes its own trials, and its provenance says which")
    func shard() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try aisim(
            ["--trials", "2e5", "--shard", "2/2", "--out", "2.shard", "--samples", "2.npy"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let provenance = try jsonObject(
            String(decoding: try Data(contentsOf: directory.appendingPathComponent("2.json")), as: UTF8.self))
        #expect(provenance["first_trial"] as? Int == 131_072, "four chunks: the second shard has the last two")
        #expect(provenance["rows"] as? Int == 200_000 - 131_072)
        #expect(provenance["run_trials"] as? Int == 200_000)
        #expect((provenance["shard"] as? [String: Int]) == ["index": 2, "count": 2])
    }
}
