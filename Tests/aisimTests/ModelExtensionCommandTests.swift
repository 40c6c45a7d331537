import Foundation
import Testing

/// End to end: priors without the model's later inputs print what they printed before them;
/// priors with them show the new outputs, explain the new steps, and refuse bad values.
@Suite("aisim utilisation, derived serial speed and the human comparison")
struct ModelExtensionCommandTests {
    /// JSON that the aisim before these inputs existed printed (commit cc8475a), kept in
    /// Fixtures: a prior without them must print exactly the same bytes.
    @Test(
        "without the new inputs the JSON is byte-identical to before they existed",
        arguments: [
            (
                ["--prior", "distributions/all-lognormal.toml", "--trials", "1e5", "--seed", "7", "--format", "json"],
                "all-lognormal-1e5-seed7.json"
            ),
            (["--prior", "distributions/post-point.toml", "--trials", "10", "--format", "json"], "post-point-10.json"),
        ])
    func unchanged(arguments: [String], fixture: String) throws {
        let expected = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Tests/aisimTests/Fixtures/\(fixture)"), encoding: .utf8)
        #expect(try aisim(arguments).stdout == expected)
    }

    /// Every gallery prior of before the lower bound and time (kept in Fixtures/gallery at
    /// 1e4 trials): none sets deploy_share, year or growth, so each prints the same bytes.
    @Test("every gallery prior without deploy_share or year prints the JSON it printed before them")
    func galleryUnchanged() throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/aisimTests/Fixtures/gallery")
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(fixtures.count >= 9)
        for fixture in fixtures {
            let name = String(fixture.dropLast(".json".count))
            let expected = try String(contentsOf: folder.appendingPathComponent(fixture), encoding: .utf8)
            #expect(try aisim(["--prior", name, "--trials", "1e4", "--format", "json"]).stdout == expected, "\(name)")
        }
    }

    @Test("the utilisation prior reproduces the post's 23 million within 1%")
    func twentyThreeMillion() throws {
        let json = try jsonObject(
            try aisim([
                "--prior", "distributions/post-utilization.toml", "--trials", "10", "--percentiles", "50", "--format",
                "json",
            ]).stdout)
        let outputs = try #require(json["outputs"] as? [String: [String: Any]])
        let p50 = try #require((outputs["parallel_tokens_per_s"]?["percentiles"] as? [String: Double])?["p50"])
        #expect(abs(p50 / 23e6 - 1) < 0.01, "\(p50)")
        #expect(outputs["researcher_multiple"] == nil && outputs["human_speed_multiple"] == nil)
    }

    @Test(
        "a prior that sets the human inputs reports both multiples in the table and JSON, and explain walks every step")
    func human() throws {
        let table = try aisim(["--prior", "distributions/derived-serial.toml", "--trials", "1e4"])
        #expect(table.status == 0 && table.stdout.contains("researcher_multiple  human_speed_multiple"))
        #expect(
            table.stdout.contains("serial_tokens_per_s         derived")
                && table.stdout.contains("serial_size_exponent"))
        let json = try jsonObject(
            try aisim(["--prior", "distributions/derived-serial.toml", "--trials", "1e4", "--format", "json"]).stdout)
        let outputs = try #require(json["outputs"] as? [String: Any])
        #expect(outputs.count == 8)
        let explained = try aisim(["explain", "--prior", "distributions/derived-serial.toml"]).stdout
        for step in [
            "C = F × train_utilization × training_years",
            "v = serial_ref_tokens_per_s × serial_hardware_speedup × (N / serial_ref_params)^(-serial_size_exponent)",
            "Q = P / human_ai_researchers", "M = serial_tokens_per_s / (human_words_per_s × 4/3 tokens per word)",
        ] {
            #expect(explained.contains(step), "\(step)")
        }
        let check = try aisim(["check", "distributions/derived-serial.toml"]).stdout
        #expect(check.contains("derived from the model size in each trial"))
    }

    @Test(
        "utilisation outside (0, 1] and serial speed given both ways are prior errors (exit 1)",
        arguments: [
            (
                ["--set", "train_utilization=1.5"],
                "--set train_utilization=1.5: 1.5 is outside the input's domain: it must be in (0, 1]"
            ),
            (
                ["--set", "serial_size_exponent=0.3"],
                "--set serial_size_exponent=0.3: sets the derived serial speed, but serial_tokens_per_s is given as 20 to 100"
            ),
            (
                ["--prior", "distributions/derived-serial.toml", "--set", "serial_tokens_per_s=40"],
                "sets the derived serial speed, but serial_tokens_per_s is given as 40"
            ),
        ])
    func errors(arguments: [String], expected: String) throws {
        let result = try aisim(["--trials", "100"] + arguments)
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("aisim: error: ") && result.stderr.contains(expected), "\(result.stderr)")
    }
}
