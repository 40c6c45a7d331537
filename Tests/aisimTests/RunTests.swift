import Foundation
import Testing

/// End to end: the built binary, its help, its output formats and its exit statuses.
@Suite("aisim command line")
struct RunTests {
    @Test("help text is pinned", arguments: [(["--help"], "root-help.txt"), (["run", "--help"], "run-help.txt")])
    func help(_ arguments: [String], _ fixture: String) throws {
        let result = try aisim(arguments, environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        let expected = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Tests/aisimTests/Fixtures/\(fixture)"), encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test("the default run prints a table of the built-in prior from any directory")
    func defaultTable() throws {
        let result = try aisim(["--trials", "2e4"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Finnveden (2023), with uncertainty")
        #expect(lines[1] == "prior embedded:finnveden-2023.toml · 20,000 trials · seed 1")
        #expect(lines[3].contains("parallel_tokens_per_s") && lines[3].contains("streams"))
        #expect(lines[4].contains("token-eq/s"))
        #expect(lines.contains { $0.hasPrefix("p50 ") } && lines.contains { $0.hasPrefix("mean ") })
    }

    @Test("a unit the output's name already says is left out, and a table of such outputs has no unit row")
    func unitRow() throws {
        let streams = try aisim(["--trials", "1e3", "--outputs", "streams"]).stdout.split(separator: "\n")
        #expect(streams[2] == "      streams" && streams[3].hasPrefix("p1 "), "\(streams)")
        let both = try aisim(["--trials", "1e3", "--outputs", "parallel_tokens_per_s,streams"]).stdout
            .split(separator: "\n")
        #expect(both[3].trimmingCharacters(in: .whitespaces) == "token-eq/s", "\(both)")
        let researchers = try aisim(["--trials", "1e3", "--outputs", "researcher_multiple"]).stdout.split(
            separator: "\n")
        #expect(researchers[3].hasSuffix("token-eq/s per researcher"), "\(researchers)")
    }

    @Test("JSON has the documented shape, with every output and every percentile")
    func json() throws {
        let result = try aisim([
            "--prior", "distributions/post-point.toml", "--trials", "100", "--seed", "7",
            "--percentiles", "5,50,99.9", "--format", "json",
        ])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["trials"] as? Int == 100)
        #expect(object["seed"] as? Int == 7)
        let prior = try #require(object["prior"] as? [String: Any])
        #expect(prior["title"] as? String == "Finnveden (2023), the post's point values")
        #expect(prior["path"] as? String == "distributions/post-point.toml")
        let outputs = try #require(object["outputs"] as? [String: [String: Any]])
        #expect(
            Set(outputs.keys) == [
                "parallel_tokens_per_s", "streams", "params", "training_tokens", "training_flop", "cluster_flops",
            ])
        let parallel = try #require(outputs["parallel_tokens_per_s"])
        #expect(parallel["unit"] as? String == "token-eq/s")
        let percentiles = try #require(parallel["percentiles"] as? [String: Double])
        #expect(Set(percentiles.keys) == ["p5", "p50", "p99.9"])
        #expect(String(format: "%.4e", percentiles["p50"]!) == "3.0832e+07")
        #expect(String(format: "%.4e", parallel["mean"] as! Double) == "3.0832e+07")
        #expect(
            String(format: "%.4e", (outputs["streams"]!["percentiles"] as! [String: Double])["p5"]!) == "6.1665e+05")
    }

    @Test("CSV has comment lines with the prior's SHA-256 and inputs, a header and one row per output")
    func csv() throws {
        let result = try aisim(["--trials", "1000", "--format", "csv", "--percentiles", "5,95", "--set", "horizon=30"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        let comments = lines.filter { $0.hasPrefix("#") }
        #expect(comments.contains("# sha256: \(try embeddedSHA256())"))
        #expect(comments.contains("# input: horizon = 30 (--set)"))
        #expect(comments.contains("# input: world_flops = 2e21 to 8e21 (file)"))
        let rows = lines.filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",") }
        #expect(rows.count == 8)
        #expect(rows[0] == ["output", "unit", "mean", "p5", "p95"])
        #expect(
            rows.dropFirst().map { String($0[0]) } == [
                "parallel_tokens_per_s", "streams", "params", "training_tokens", "training_flop", "cluster_flops",
                "researcher_multiple",
            ], "the default prior sets human_ai_researchers, not human_words_per_s")
        for row in rows.dropFirst() { #expect(row.count == 5 && row[2...].allSatisfy { Double($0) != nil }) }
    }

    @Test("a run that summarises only the outputs it shows finds the same percentiles as one that summarises all")
    func summarisedOutputs() throws {
        // 2e6 trials take the streamed path (a pilot, windows and a tally), where the outputs a
        // run summarises decide what the pilot holds and what is tallied. CSV writes every
        // number exactly; without --outputs it has every output the prior reports.
        let common = [
            "--trials", "2e6", "--seed", "5", "--percentiles", "1,50,99.9", "--threads", "2", "--format", "csv",
        ]
        func rows(_ result: Invocation) -> [String] {
            result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        }
        let all = try aisim(common)
        let one = try aisim(common + ["--outputs", "training_flop"])
        #expect(all.status == 0 && one.status == 0)
        #expect(rows(all).count == 8)
        #expect(rows(one).count == 2)
        let row = try #require(rows(one).last)
        #expect(row.hasPrefix("training_flop,FLOP,"))
        #expect(rows(all).contains(row))
    }

    @Test("--set overrides an input, the output lists it, and a file line gives the same numbers")
    func set() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = try String(
            contentsOf: repositoryRoot.appendingPathComponent("distributions/finnveden-2023.toml"), encoding: .utf8)
        let edited = base.replacingOccurrences(
            of: "horizon = \"loguniform(1, 1000)\"", with: "horizon = \"10 to 1000\"")
        #expect(edited != base)
        try edited.write(to: directory.appendingPathComponent("edited.toml"), atomically: true, encoding: .utf8)
        let viaSet = try aisim(["--trials", "2e4", "--format", "csv", "--set", "horizon=10 to 1000"])
        let viaFile = try aisim(["--prior", "edited.toml", "--trials", "2e4", "--format", "csv"], in: directory)
        #expect(viaSet.status == 0 && viaFile.status == 0)
        func numbers(_ csv: String) -> [Substring] { csv.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(numbers(viaSet.stdout) == numbers(viaFile.stdout))
        let table = try aisim(["--trials", "1e3", "--set", "horizon=10 to 1000", "--set", "ai_share=0.3"])
        #expect(table.stdout.contains("inputs (prior sha256 \(try embeddedSHA256()))"))
        #expect(
            table.stdout.split(separator: "\n").contains {
                $0.hasPrefix("  horizon ") && $0.contains("10 to 1000") && $0.hasSuffix("--set")
            })
        #expect(
            table.stdout.split(separator: "\n").contains {
                $0.hasPrefix("  ai_share ") && $0.contains("0.3") && $0.hasSuffix("--set")
            })
        let json = try aisim(["--trials", "1e3", "--set", "horizon=10 to 1000", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let prior = try #require(object["prior"] as? [String: Any])
        #expect(prior["sha256"] as? String == (try embeddedSHA256()))
        let horizon = try #require((prior["inputs"] as? [String: [String: String]])?["horizon"])
        #expect(horizon["value"] == "10 to 1000" && horizon["from"] == "--set" && horizon["family"] == "lognormal")
    }

    @Test("one seed gives byte-identical output on 1 and 2 threads; another seed differs")
    func threads() throws {
        let one = try aisim(["--trials", "2e5", "--threads", "1", "--format", "json"])
        let two = try aisim(["--trials", "2e5", "--threads", "2", "--format", "json"])
        let other = try aisim(["--trials", "2e5", "--threads", "2", "--format", "json", "--seed", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout != other.stdout)
    }

    @Test("--output writes the file atomically and prints nothing")
    func outputFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.json").path
        let written = try aisim(["--trials", "1000", "--format", "json", "--output", path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        let printed = try aisim(["--trials", "1000", "--format", "json"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == printed.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["run.json"])
        let unwritable = try aisim(["--trials", "10", "--output", "/proc/aisim/run.json"])
        #expect(unwritable.status == 1)
        #expect(
            unwritable.stderr == "aisim: error: /proc/aisim/run.json: cannot write: no such directory: /proc/aisim\n")
    }

    @Test("--output follows a symbolic link and writes a named pipe in place, replacing neither")
    func outputSpecialFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let printed = try aisim(["--trials", "1000", "--format", "csv"]).stdout
        let link = directory.appendingPathComponent("latest.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "runs/1.csv")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("runs"), withIntermediateDirectories: false)
        #expect(try aisim(["--trials", "1000", "--format", "csv", "--output", link]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "runs/1.csv")
        #expect(
            try String(contentsOfFile: directory.appendingPathComponent("runs/1.csv").path, encoding: .utf8) == printed)

        // A pipe, as /dev/stdout often is: renaming over it would leave a plain file behind.
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        #expect(try aisim(["--trials", "1000", "--format", "csv", "--output", fifo]).status == 0)
        let read = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(read == printed)
        let type = try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType
        #expect(type != .typeRegular, "the pipe is still a pipe")
    }

    static let badFlags: [([String], String)] = [
        (["--trials", "1.5"], "not a positive whole number"),
        (["--trials", "0"], "not a positive whole number"),
        (["--trials", "-5"], "not a positive whole number"),
        (["--trials", "lots"], "not a positive whole number"),
        (["--trials", "1e300"], "not a positive whole number up to 2^53"),
        (["--trials", "1e15", "--summary", "exact"], "exact percentiles would need about"),
        (["--percentiles", "5,101"], "101 is above 100"),
        (["--percentiles", "-1"], "not a plain decimal"),
        (["--threads", "0"], "--threads 0: give a whole number from 1 to 4096"),
        (["--seed", "-1"], "'-1' is invalid for '--seed <s>'"),
        (["--format", "xml"], "'xml' is invalid for '--format <format>'"),
        (["--outputs", "tokens"], "unknown output \"tokens\""),
        (["--frobnicate"], "Unknown option '--frobnicate'"),
    ]

    @Test("bad flags: exit 64, one line on stderr, nothing on stdout", arguments: badFlags)
    func badFlag(_ arguments: [String], _ expected: String) throws {
        expectUsageError(try aisim(arguments), expected)
    }

    @Test(
        "bad --set values get the same errors as in a file, exit 1, no table",
        arguments: [
            (
                ["--set", "horizn=3"],
                "aisim: error: --set horizn=3: unknown input \"horizn\"; did you mean \"horizon\"?"
            ),

            (
                ["--set", "horizon=lognrmal(1, 2)"],
                "aisim: error: --set horizon=lognrmal(1, 2): \"lognrmal(1, 2)\": unknown family \"lognrmal\"; did you mean \"lognormal\"?"
            ),
            (
                ["--set", "ai_share=1.5"],
                "aisim: error: --set ai_share=1.5: 1.5 is outside the input's domain: it must be in (0, 1]"
            ),
            (["--set", "horizon=10 to 1"], "in \"a to b\" a must be less than b"),
        ])
    func badSet(_ arguments: [String], _ expected: String) throws {
        let result = try aisim(arguments + ["--trials", "1000"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(expected) || result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    static let badPriors: [(String, String)] = [
        ("[inputs]\nhorizon = \"1 to\n", "bad.toml:2: not valid TOML"),
        ("[inputs]\nhorizn = 3\n", "bad.toml:2: horizn: unknown input; did you mean \"horizon\"?"),
        ("[inputs]\nhorizon = \"gauss(1, 2)\"\n", "bad.toml:2: horizon: \"gauss(1, 2)\": unknown family \"gauss\""),
        ("[inputs]\nhorizon = \"normal(1, 2, 3)\"\n", "normal takes 2 arguments normal(mean, sd), got 3"),
        ("[inputs]\nhorizon = \"0 to 10\"\n", "in \"a to b\" (a lognormal) a must be > 0"),
        ("[inputs]\nhorizon = \"10 to 10\"\n", "in \"a to b\" a must be less than b"),
        ("[inputs]\nhorizon = \"beta(0, 1)\"\n", "beta: a must be > 0"),
        ("[inputs]\nai_share = 2\n", "bad.toml:2: ai_share: 2 is outside the input's domain: it must be in (0, 1]"),
        (
            "# the serial speed\n[inputs]\nserial_tokens_per_s = \"normal(40, 20)\"\n",
            "bad.toml:3: serial_tokens_per_s: "
        ),
    ]

    @Test("bad priors: exit 1, one line naming file, line and input, no table", arguments: badPriors)
    func badPrior(_ text: String, _ expected: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["--prior", "bad.toml", "--trials", "1e5"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix("aisim: error: " + (expected.hasPrefix("bad.toml") ? expected : "")),
            "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("negative samples report the input, how many, and the distribution's mass there")
    func negativeSamples() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[inputs]\nserial_tokens_per_s = \"normal(40, 20)\"\n".write(
            to: directory.appendingPathComponent("p.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["--prior", "p.toml", "--trials", "1e5"], in: directory)
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.contains("p.toml:2: serial_tokens_per_s: "))
        #expect(result.stderr.contains("of 100000 samples"))
        #expect(result.stderr.contains("puts 2.3% of its mass there"))
    }

    @Test("a sketch too wide for its accuracy stops the run: exit 1, one line with the accuracy that fits, no table")
    func sketchTooWide() throws {
        let result = try aisim([
            "--summary", "sketch", "--accuracy", "1e-5", "--set", "horizon=lognormal(0, 60)", "--trials", "1e6",
        ])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix(
                "aisim: error: embedded:finnveden-2023.toml: parallel_tokens_per_s ranges at least from "),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "too wide for a sketch of relative accuracy 1e-5, which holds at most 2,097,152 buckets"))
        #expect(
            result.stderr.contains("; use --accuracy 0.00013 or coarser, --summary exact, or narrower priors"),
            "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        let suggested = try aisim([
            "--summary", "sketch", "--accuracy", "0.00013", "--set", "horizon=lognormal(0, 60)", "--trials", "1e6",
        ])
        #expect(suggested.status == 0, "\(suggested.stderr)")
    }

    @Test("a missing prior file exits 1 and names it")
    func missingFile() throws {
        let result = try aisim(["--prior", "no/such/prior.toml"])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr == "aisim: error: no/such/prior.toml: cannot read the file: no such file\n")
    }

    @Test("--timing prints the phases and trials/s on stderr and leaves stdout as it was")
    func timing() throws {
        let plain = try aisim(["--trials", "1e5", "--threads", "2"])
        let timed = try aisim(["--trials", "1e5", "--threads", "2", "--timing"])
        #expect(timed.status == 0)
        #expect(timed.stdout == plain.stdout)
        #expect(timed.stderr.hasPrefix("timing: 100,000 trials on 2 threads\n"))
        for phase in ["parse", "sample + evaluate", "summarise", "output", "total", "percentile summary", "means"] {
            #expect(timed.stderr.contains("\n  \(phase) "), "\(phase)")
        }
        #expect(timed.stderr.contains("M trials/s"))
    }

    @Test("--version prints the version")
    func version() throws {
        let result = try aisim(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}

/// Ctrl-C during a long run.
@Suite("aisim interrupts")
struct InterruptTests {
    @Test(
        "SIGINT stops a long run within a second with status 130, leaving no file and no half table",
        arguments: [true, false])
    func sigint(toFile: Bool) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = aisimBinary
        process.arguments = ["--trials", "1e10", "--summary", "sketch"] + (toFile ? ["--output", "run.txt"] : [])
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "1e10 trials take minutes")
        let sent = Date()
        process.interrupt()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 1.5)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        #expect(stdout.isEmpty && stderr == "aisim: interrupted\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty,
            "no output file, and no temporary file")
    }
}
