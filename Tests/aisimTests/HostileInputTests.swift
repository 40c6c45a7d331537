import Foundation
import Testing

/// The hostile tester's examples that are about what aisim prints (issue 15): each one line,
/// its exit status, and no inf or NaN anywhere.
@Suite("Hostile inputs")
struct HostileInputTests {
    @Test(
        "unclear flag values get a message naming the flag and what is wrong (exit 64)",
        arguments: [
            (
                ["--seed", "-1"],
                "'-1' is invalid for '--seed <s>': \"-1\" is not a seed; give a whole number from 0 to 18446744073709551615"
            ),
            (
                ["--seed", "18446744073709551616"],
                "18446744073709551616 is above the largest seed, 18446744073709551615 (2^64 - 1)"
            ),
            (["--seed", "1e3"], "\"1e3\" is not a seed"),
            (["--seed", "0x10"], "\"0x10\" is not a seed"),
            (
                ["--plot", "bogus"],
                "'bogus' is invalid for '--plot <outputs>': unknown output \"bogus\"; the outputs are"
            ),
            (["--precision", "nan%"], "\"nan\" in \"nan%\" is not a finite number"),
            (["--precision", "%"], "\"%\" has no number before the % sign"),
            (["--precision", "5"], "\"5\" is not a percentage; write it with a % sign"),
            (["--trials", "9007199254740993"], "not a positive whole number up to 2^53 (9007199254740992)"),
        ])
    func flags(_ arguments: [String], _ expected: String) throws {
        expectUsageError(try aisim(arguments + ["--trials", "1e3"]), expected)
    }

    @Test("--seed takes every whole number up to 2^64 - 1")
    func largestSeed() throws {
        #expect(try aisim(["--seed", "18446744073709551615", "--trials", "100"]).status == 0)
    }

    @Test(
        "an error that comes from --set names --set NAME=VALUE (exit 1)",
        arguments: [
            (["--set", "horizon=normal(1,5)"], "aisim: error: --set horizon=normal(1,5): ")
        ])
    func setBlame(_ arguments: [String], _ expected: String) throws {
        let result = try aisim(arguments + ["--trials", "1e3"])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(expected) && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
    }

    @Test(
        "malformed --set, --vary and empty file names are flag errors (exit 64) naming the flag",
        arguments: [
            (["--set", "=5"], "--set =5: the input's name is missing before '='"),
            (["--set", "horizon"], "--set horizon: give NAME=VALUE"),
            (["--set", ""], "--set '': give NAME=VALUE"),
            (["sweep", "--vary", "horizon"], "--vary horizon: give NAME=VALUES"),
            (["sweep", "--vary", "=1,2"], "--vary =1,2: give NAME=VALUES"),
            (["--output", ""], "--output '': give a file name"),
            (["--svg", ""], "--svg '': give a file name"),
            (["--out", ""], "--out '': give a file name"),
            (["--prior", ""], "--prior '': give the prior file's name"),
            (["--plot", ""], "'' is invalid for '--plot <outputs>': give one or more output names"),
            (["help", "bogus"], "help bogus: there is no such command; the commands are run, check,"),
            (
                ["--outputs", "researcher_multiple", "--prior", "distributions/post-point.toml"],
                "--outputs researcher_multiple: this prior does not report it; set human_ai_researchers"
            ),
        ])
    func malformed(_ arguments: [String], _ expected: String) throws {
        expectUsageError(try aisim(arguments + ["--trials", "1e3"]), expected)
    }

    @Test(
        "merge says what is wrong with a file that is not a shard (exit 1)",
        arguments: [
            ("/dev/null", "/dev/null: the file is empty; an aisim shard file starts with 'aisim-shard'"),
            ("loop", "loop: cannot read the file: a loop of symbolic links"),
            ("folder", "folder: cannot read the file: it is a directory"),
            ("/dev/zero", "/dev/zero: not an aisim shard file"),
        ])
    func mergeReasons(_ file: String, _ expected: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("loop").path, withDestinationPath: "loop")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("folder"), withIntermediateDirectories: false)
        let result = try aisim(["merge", file], in: directory)
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("aisim: error: \(expected)"), "\(result.stderr)")
    }

    @Test("a named pipe nothing writes to is refused after 5 s instead of holding aisim forever (exit 1)")
    func silentPipe() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(mkfifo(directory.appendingPathComponent("fifo").path, 0o644) == 0)
        let result = try aisim(["--prior", "fifo", "--trials", "10"], in: directory)
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(
            result.stderr == "aisim: error: fifo: cannot read the file: a named pipe that nothing wrote to for 5 s\n")
        // A writer that comes a second later is read as any file.
        let prior = repositoryRoot.appendingPathComponent("distributions/post-point.toml").path
        let slow = try shell(
            "(sleep 1; cat '\(prior)' > fifo) & $AISIM --prior fifo --trials 10 --outputs streams", in: directory)
        #expect(
            slow.status == 0 && slow.stdout.hasPrefix("Finnveden (2023), the post's point values\nprior fifo"),
            "\(slow.stderr)")
    }

    @Test("a shard whose payload is not a shard's JSON is refused in plain words")
    func shardPayload() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let payload = "not json at all\n"
        let digest = try shell("printf 'not json at all\\n' | sha256sum | cut -c1-64").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        try "aisim-shard 3 sha256:\(digest)\n\(payload)".write(
            to: directory.appendingPathComponent("x.shard"), atomically: true, encoding: .utf8)
        let result = try aisim(["merge", "x.shard"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "aisim: error: x.shard: unreadable shard data: its payload is not valid JSON; rerun this shard\n")
    }

    @Test("explain reports an overflow as a run does, and a product that only overflows on the way is fine")
    func explainOverflow() throws {
        let overflow = try aisim(["explain", "--set", "precision_speedup=1e300"])
        #expect(overflow.status == 1 && overflow.stdout.isEmpty)
        #expect(
            overflow.stderr.contains("outputs leave the range of double precision")
                && overflow.stderr.filter { $0 == "\n" }.count == 1)
        let run = try aisim(["--set", "precision_speedup=1e300", "--trials", "10"])
        #expect(run.status == 1 && run.stderr.contains("outputs leave the range of double precision"))
        let fits = try aisim([
            "explain", "--prior", "distributions/post-point.toml", "--set", "precision_speedup=1e288",
        ])
        #expect(fits.status == 0)
        #expect(fits.stdout.contains("= 3.0832e295 token-eq/s"))
        #expect(!Self.holdsInfOrNaN(fits.stdout))
    }

    @Test("means whose sums would overflow, with every trial finite, print finite means and errors")
    func finiteMeans() throws {
        let arguments = [
            "--prior", "distributions/post-point.toml", "--set", "serial_tokens_per_s=uniform(1e-300, 2e-300)",
            "--trials", "1e4",
        ]
        let table = try aisim(arguments + ["--ci", "--outputs", "streams"])
        #expect(table.status == 0 && !Self.holdsInfOrNaN(table.stdout), "\(table.stdout)")
        let json = try jsonObject(try aisim(arguments + ["--format", "json"]).stdout)
        let streams = try #require((json["outputs"] as? [String: Any])?["streams"] as? [String: Any])
        let mean = try #require(streams["mean"] as? Double)
        // S = 3.0832e7 / v with v uniform on [1e-300, 2e-300]: E[1/v] = ln 2 / 1e-300.
        #expect(abs(mean / (3.0832493e7 * log(2.0) / 1e-300) - 1) < 0.01)
        #expect(streams["mean_standard_error"] is Double)
    }

    @Test("with every input a number, the mean is the value and its standard error 0")
    func constantPrior() throws {
        let result = try aisim([
            "--prior", "distributions/post-point.toml", "--trials", "1000", "--ci", "--outputs", "streams",
        ])
        #expect(result.stdout.contains("mean    6.17e5 ± 0\n"), "\(result.stdout)")
        let json = try jsonObject(
            try aisim(["--prior", "distributions/post-point.toml", "--trials", "1000", "--format", "json"]).stdout)
        let single = try jsonObject(
            try aisim(["--prior", "distributions/post-point.toml", "--trials", "1", "--format", "json"]).stdout)
        let many = try #require(json["outputs"] as? [String: [String: Any]])
        let one = try #require(single["outputs"] as? [String: [String: Any]])
        #expect(many.count == 6)
        for (name, output) in many {
            #expect(
                output["mean"] as? Double == one[name]?["mean"] as? Double
                    && output["mean_standard_error"] as? Double == 0, "\(name)")
        }
    }

    @Test("a CRLF prior's errors keep their line")
    func crlf() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[inputs]\r\nhorizon = 3\r\nhorizn = 4\r\n".write(
            to: directory.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["check", "c.toml"], in: directory)
        #expect(
            result.status == 1 && result.stderr.hasPrefix("aisim: error: c.toml:3: horizn: unknown input"),
            "\(result.stderr)")
    }

    static func holdsInfOrNaN(_ text: String) -> Bool {
        text.split(whereSeparator: { !$0.isLetter }).contains {
            ["inf", "nan", "NaN", "Infinity"].contains(String($0))
        }
    }
}
