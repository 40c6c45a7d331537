import Foundation
import Testing

/// `--prior` and `--set`, end to end: fixing a correlated input is exploration, not an error.
@Suite("--prior and --set")
struct PriorArgumentsTests {
    static let correlated = """
        [inputs]
        world_flops = "2e21 to 8e21"
        ai_share = "uniform(0.1, 0.5)"
        horizon = "1 to 100"
        [correlations]
        "world_flops, ai_share" = -0.4
        "world_flops, horizon" = 0.2
        """

    @Test("--set and --vary may fix a correlated input: its pairs are dropped, with one note naming them")
    func fixingCorrelated() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.correlated.write(to: directory.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
        let fixed = try aisim(
            ["--prior", "c.toml", "--set", "ai_share=0.25", "--trials", "1e4", "--format", "json"], in: directory)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(
            fixed.stderr
                == "aisim: note: --set fixes a correlated input at a number, so this run drops its correlation \"world_flops, ai_share\"\n"
        )
        let kept = try #require((try jsonObject(fixed.stdout)["prior"] as? [String: Any])?["correlations"] as? [Any])
        #expect(kept.count == 1)
        let widened = try aisim(
            ["--prior", "c.toml", "--set", "ai_share=uniform(0.2, 0.3)", "--trials", "1e4", "--format", "json"],
            in: directory)
        #expect(widened.status == 0 && widened.stderr.isEmpty)
        #expect(((try jsonObject(widened.stdout)["prior"] as? [String: Any])?["correlations"] as? [Any])?.count == 2)
        let swept = try aisim(
            ["sweep", "--prior", "c.toml", "--vary", "horizon=1,10", "--trials", "1e4"], in: directory)
        #expect(swept.status == 0, "\(swept.stderr)")
        #expect(
            swept.stderr
                == "aisim: note: --vary fixes a correlated input at a number, so this run drops its correlation \"world_flops, horizon\"\n"
        )
    }
}
