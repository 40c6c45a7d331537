import Foundation
import Testing

/// The slips a new user makes, and the one line that says how to fix each.
@Suite("Hints for common slips")
struct ArgumentHintsTests {
    @Test("an unquoted distribution after --set or --vary: quote it")
    func unquoted() throws {
        expectUsageError(
            try aisim(["--set", "horizon=1", "to", "1000"]),
            "a value with spaces needs quotes: --set 'horizon=1 to 1000'")
        expectUsageError(
            try aisim(["sweep", "--vary", "horizon=1", "to", "10"]),
            "a value with spaces needs quotes: --vary 'horizon=1 to 10'")
    }

    @Test("a prior file without --prior: give --prior")
    func bareFile() throws {
        expectUsageError(
            try aisim(["mine.toml"]),
            "Unexpected argument 'mine.toml'; give a prior file with --prior: aisim --prior mine.toml")
        expectUsageError(
            try aisim(["sensitivity", "mine.toml"]),
            "give a prior file with --prior: aisim sensitivity --prior mine.toml")
    }

    @Test("a misspelt output gets the nearest name")
    func misspelt() throws {
        expectUsageError(try aisim(["--outputs", "stream"]), "unknown output \"stream\"; did you mean \"streams\"?")
        expectUsageError(try aisim(["--exceed", "stream>=1"]), "unknown output \"stream\"; did you mean \"streams\"?")
    }

    @Test("an unquoted distribution in a prior file: put it in quotes, on its line")
    func unquotedInFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[inputs]\nhorizon = 1 to 1000   # H\n".write(
            to: directory.appendingPathComponent("p.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["check", "p.toml"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "aisim: error: p.toml:2: horizon = 1 to 1000 is not a TOML value; put the distribution in quotes: horizon = \"1 to 1000\"\n"
        )
    }

    @Test("explain's note on the post's 23 million comes only at the post's own point")
    func postNote() throws {
        #expect(try aisim(["explain", "--post"]).stdout.contains("note: the post quotes about 23 million"))
        #expect(
            try aisim(["explain", "--prior", "post-point"]).stdout.contains("note: the post quotes about 23 million"))
        #expect(!(try aisim(["explain"]).stdout.contains("note: the post quotes")))
        let changed = try aisim(["explain", "--post", "--set", "train_utilization=0.5565"])
        #expect(changed.status == 0 && !changed.stdout.contains("note: the post quotes"))
        #expect(changed.stdout.contains("train_utilization           0.5565 fraction"))
    }

    @Test("sensitivity's tornado says which side is p5, and a negative correlation part reads plainly")
    func sensitivityWords() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        [inputs]
        horizon = "1 to 100"
        ai_share = "uniform(0.1, 0.4)"
        world_flops = "2e21 to 8e21"
        [correlations]
        "world_flops, ai_share" = -0.6
        """.write(to: directory.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
        let result = try aisim(["sensitivity", "--prior", "c.toml", "--trials", "1e5"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("held at its p5 (-) and at its p95 (+)"))
        #expect(result.stdout.contains("the correlations between inputs cancel "))
        #expect(!result.stdout.contains("other -"))
        #expect(result.stdout.contains("  horizon      ------------------------|++++++++++++++++++++++++"))
    }
}
