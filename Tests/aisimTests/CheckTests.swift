import Foundation
import Testing

@Suite("aisim check")
struct CheckTests {
    @Test("every prior file in distributions/ is valid")
    func gallery() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: repositoryRoot.appendingPathComponent("distributions").path
        )
        .filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 6)
        for file in files {
            let result = try aisim(["check", "distributions/\(file)"])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.contains("\nvalid: ") && result.stdout.contains(" inputs, "), "\(file)")
            #expect(result.stderr.isEmpty, "\(file): \(result.stderr)")
        }
    }

    @Test("--list names every built-in prior with its title, and each loads by name from any directory")
    func list() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let listed = try aisim(["check", "--list"], in: directory)
        #expect(listed.status == 0)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: repositoryRoot.appendingPathComponent("distributions").path
        ).filter { $0.hasSuffix(".toml") }
        #expect(listed.stdout.split(separator: "\n").count == files.count + 1)
        for file in files {
            let name = String(file.dropLast(5))
            #expect(listed.stdout.contains("\n  \(name) "), "\(name)")
            let run = try aisim(["--prior", name, "--trials", "100", "--format", "json"], in: directory)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(((try jsonObject(run.stdout))["prior"] as? [String: Any])?["path"] as? String == "embedded:\(file)")
        }
        let missing = try aisim(["--prior", "nonesuch", "--trials", "10"], in: directory)
        #expect(
            missing.status == 1
                && missing.stderr.contains("it is not a built-in prior either (those are all-lognormal,"))
        expectUsageError(try aisim(["check", "--list", "--format", "json"]), "--list lists the built-in priors")
    }

    @Test("a prior's description shows in check, in the run's table and in the report")
    func description() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "title = \"T\"\ndescription = \"\"\"Two\nlines.\"\"\"\n[inputs]\nhorizon = \"1 to 10\"\n".write(
            to: directory.appendingPathComponent("d.toml"), atomically: true, encoding: .utf8)
        #expect(try aisim(["check", "d.toml"], in: directory).stdout.hasPrefix("T — Two lines.\n"))
        #expect(
            try aisim(["--prior", "d.toml", "--trials", "100"], in: directory).stdout.hasPrefix("T — Two lines.\n"))
        #expect(
            try aisim(["report", "--prior", "d.toml", "--trials", "1e3", "--out", "r.md"], in: directory).status == 0)
        let report = String(decoding: try Data(contentsOf: directory.appendingPathComponent("r.md")), as: UTF8.self)
        #expect(report.hasPrefix("# T\n\nTwo lines.\n"))
    }

    @Test("check shows what a range means: its percentiles, mean, unit and line")
    func explains() throws {
        let result = try aisim(["check"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let years = try #require(lines.firstIndex { $0.hasPrefix("training_years ") })
        #expect(
            lines[years].contains("0.25 to 1.25") && lines[years].contains("[years]")
                && lines[years].contains("(line 10)"))
        #expect(lines[years + 1] == "  lognormal(mu=-0.5816, sigma=0.4892): median 0.559")
        #expect(lines[years + 2] == "  p5 0.250 · p50 0.559 · p95 1.25 · mean 0.630")
        #expect(lines.contains { $0.hasPrefix("train_flop_per_param_token ") && $0.contains("6") })
    }

    @Test("inputs left out are listed at the post's values; --set shows as such")
    func defaultsAndSet() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "title = \"only H\"\n[inputs]\nhorizon = \"10 to 1000\"\n".write(
            to: directory.appendingPathComponent("h.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["check", "h.toml", "--set", "ai_share=0.5"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("world_flops"))
        #expect(
            result.stdout.split(separator: "\n").contains {
                $0.hasPrefix("world_flops ") && $0.hasSuffix("(the post's value)")
            })
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("ai_share ") && $0.hasSuffix("(--set)") })
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("horizon ") && $0.hasSuffix("(line 3)") })
    }

    @Test("check warns about mass outside an input's domain and infinite means")
    func warnings() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try
            "[inputs]\nserial_tokens_per_s = \"normal(40, 10)\"\nhorizon = \"quantiles(5: 1, 50: 10, 95: 1000, lower=0)\"\n"
            .write(to: directory.appendingPathComponent("w.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["check", "w.toml"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "serial_tokens_per_s: \"normal(40, 10)\" puts 0.0032% of its mass outside the input's domain"))
        #expect(result.stdout.contains("horizon: \"quantiles(5: 1, 50: 10, 95: 1000, lower=0)\" has no finite mean"))
    }

    @Test("a bad prior fails check with the same error as a run")
    func badPrior() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[inputs]\nhorizon = \"lognrmal(1, 2)\"\n".write(
            to: directory.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        let checked = try aisim(["check", "b.toml"], in: directory)
        let run = try aisim(["--prior", "b.toml"], in: directory)
        #expect(checked.status == 1 && run.status == 1)
        #expect(checked.stdout.isEmpty)
        #expect(checked.stderr == run.stderr)
        #expect(checked.stderr.hasPrefix("aisim: error: b.toml:2: horizon: "))
        let both = try aisim(["check", "b.toml", "--prior", "b.toml"], in: directory)
        #expect(both.status == 64)
    }

    @Test("check --format json lists every input with its percentiles")
    func json() throws {
        let result = try aisim(["check", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        let inputs = try #require(object["inputs"] as? [String: [String: Any]])
        #expect(inputs.count == 11, "the post's ten and human_ai_researchers")
        let world = try #require(inputs["world_flops"])
        #expect(abs((world["p5"] as! Double) / 2e21 - 1) < 1e-9 && abs((world["p95"] as! Double) / 8e21 - 1) < 1e-9)
        #expect(world["from"] as? String == "file")
    }
}
