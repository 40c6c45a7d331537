import AISimCore
import Foundation
import Testing

@Suite("Prior files")
struct PriorTests {
    @Test("the embedded prior is byte for byte distributions/finnveden-2023.toml")
    func embeddedCopy() throws {
        let file = try String(
            contentsOf: repositoryRoot.appendingPathComponent("distributions/finnveden-2023.toml"), encoding: .utf8)
        #expect(EmbeddedPrior.text == file)
        let prior = try EmbeddedPrior.load()
        #expect(prior.title == "Finnveden (2023), with uncertainty")
        #expect(prior.source == "embedded:finnveden-2023.toml")
    }

    @Test("every line of the shipped priors that sets an input says where its value comes from")
    func commentedLines() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: repositoryRoot.appendingPathComponent("distributions").path
        )
        .filter { $0.hasSuffix(".toml") }
        #expect(names.count >= 6)
        for name in names {
            let text = try String(
                contentsOf: repositoryRoot.appendingPathComponent("distributions/\(name)"), encoding: .utf8)
            let inputs = text.components(separatedBy: "[inputs]")[1]
            for line in inputs.split(separator: "\n") where line.contains("=") {
                #expect(line.contains("#"), "\(name): \(line)")
            }
        }
    }

    @Test("post-point.toml gives every input the post's value")
    func postPoint() throws {
        let prior = try shippedPrior("post-point.toml")
        for entry in prior.entries where !entry.input.spec.optional {
            #expect(entry.distribution == .point(entry.input.spec.postValue), "\(entry.input.spec.name)")
            #expect(!entry.isDefault)
        }
    }

    @Test("inputs a file leaves out take the post's values; a file with no inputs is the post's point")
    func defaults() throws {
        let p = try prior("title = \"only H\"\n[inputs]\nhorizon = \"loguniform(1, 1000)\"\n")
        #expect(p[.horizon].distribution == .loguniform(min: 1, max: 1000))
        #expect(p[.horizon].line == 3)
        #expect(p[.worldFlops].distribution == .point(4e21) && p[.worldFlops].isDefault)
        #expect(p[.aiShare].distribution == .point(0.25))
        let empty = try prior("", source: "dir/empty.toml")
        #expect(empty.title == "empty")
        #expect(empty.entries.allSatisfy { $0.isDefault })
    }

    @Test("numbers may be TOML integers, floats or strings")
    func numbers() throws {
        let p = try prior("[inputs]\nhorizon = 10\nworld_flops = 4e21\nai_share = \"0.5\"\n")
        #expect(p[.horizon].distribution == .point(10))
        #expect(p[.worldFlops].distribution == .point(4e21))
        #expect(p[.aiShare].distribution == .point(0.5))
    }

    @Test(
        "bad files give one line naming the file, line and input",
        arguments: [
            ("[inputs]\nhorizon = \"loguniform(1, 1000)\n", "test.toml:2: not valid TOML"),
            ("[inputs]\nworld_flop = 4e21\n", "test.toml:2: world_flop: unknown input; did you mean \"world_flops\"?"),
            ("[inputs]\nbananas = 4\n", "test.toml:2: bananas: unknown input; the model's inputs are world_flops"),
            (
                "[inputs]\nhorizon = \"lognrmal(1, 2)\"\n",
                "test.toml:2: horizon: \"lognrmal(1, 2)\": unknown family \"lognrmal\"; did you mean \"lognormal\"?"
            ),
            ("[inputs]\nhorizon = \"normal(1)\"\n", "test.toml:2: horizon: \"normal(1)\": normal takes 2 arguments"),
            (
                "\n[inputs]\nhorizon = \"10 to 1\"\n",
                "test.toml:3: horizon: \"10 to 1\": in \"a to b\" a must be less than b"
            ),
            (
                "[inputs]\nhorizon = \"0 to 1\"\n",
                "test.toml:2: horizon: \"0 to 1\": in \"a to b\" (a lognormal) a must be > 0"
            ),
            ("[inputs]\nhorizon = \"beta(-1, 2)\"\n", "beta: a must be > 0"),
            (
                "[inputs]\nai_share = 1.5\n",
                "test.toml:2: ai_share: 1.5 is outside the input's domain: it must be in (0, 1]"
            ),
            ("[inputs]\nai_share = 0\n", "ai_share: 0 is outside the input's domain"),
            ("[inputs]\nhorizon = -2\n", "horizon: -2 is outside the input's domain: it must be a finite number > 0"),
            ("[inputs]\nhorizon = nan\n", "horizon: nan is outside the input's domain"),
            ("[inputs]\nhorizon = inf\n", "horizon: inf is outside the input's domain"),
            ("[inputs]\nhorizon = true\n", "horizon: expected a number or a distribution string"),
            ("[inputs]\nhorizon = [1, 2]\n", "horizon: expected a number or a distribution string"),
            ("titel = \"x\"\n", "test.toml:1: unknown top-level key \"titel\"; did you mean \"title\"?"),
            ("horizon = 3\n", "unknown top-level key \"horizon\"; inputs belong under [inputs]"),
            ("title = 3\n", "test.toml:1: title must be a string"),
            ("inputs = 3\n", "inputs must be a table"),
            // Found by the prior fuzzer (docs/hardening.md): TOMLKit's parser aborted the process.
            ("[\u{13}\n", "test.toml:1: not valid TOML: a table header's name cannot start with U+13"),
            (
                "title = \"t\"\n  [=inputs]\n",
                "test.toml:2: not valid TOML: a table header's name cannot start with \"=\""
            ),
            ("[# inputs\n", "a table header's name cannot start with \"#\""),
            ("[[.x]]\n", "a table header's name cannot start with \".\""),
            (
                "title = \"t\"\n[\n",
                "test.toml:2: not valid TOML: a table header needs a name on its line, as in [inputs]"
            ),
            ("[ \t", "test.toml:1: not valid TOML: a table header needs a name on its line"),
            ("[\u{745}\n", "test.toml:1: not valid TOML: a table header's name cannot start with U+745"),
            (
                "title = \"t\"\r\n[=inputs]\r\n",
                "test.toml:2: not valid TOML: a table header's name cannot start with \"=\""
            ),
            (
                "# a comment with ''' in it\n[\u{FFFD}\n",
                "test.toml:2: not valid TOML: a table header's name cannot start with U+FFFD"
            ),
        ])
    func errors(_ text: String, _ expected: String) {
        let error = #expect(throws: PriorError.self) { try prior(text) }
        let message = error.map { "\($0)" } ?? "no error"
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test("a missing or unreadable file is named in the error")
    func unreadable() {
        let missing = #expect(throws: PriorError.self) { try Prior.load(path: "/no/such/prior.toml") }
        #expect(missing.map { "\($0)" } == "/no/such/prior.toml: cannot read the file: no such file")
        let directory = #expect(throws: PriorError.self) { try Prior.load(path: NSTemporaryDirectory()) }
        #expect(directory.map { "\($0)".contains("it is a directory") } == true)
    }

    @Test("files over 1 MiB are refused without being read whole, /dev/zero included")
    func tooLarge() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("aisim-big-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: big) }
        try Data(("# " + String(repeating: "x", count: Prior.maximumFileSize) + "\n").utf8).write(to: big)
        for path in [big.path, "/dev/zero"] {
            let error = #expect(throws: PriorError.self) { try Prior.load(path: path) }
            #expect(
                error.map { "\($0)" }
                    == "\(path): the file is larger than 1048576 bytes (1 MiB), the most aisim reads as a prior file")
        }
        let text = "[inputs]\nhorizon = 3\n" + String(repeating: "# padding\n", count: Prior.maximumFileSize / 10)
        #expect { try prior(text) } throws: { "\($0)".contains("aisim reads prior files of up to 1048576 bytes") }
    }
}
