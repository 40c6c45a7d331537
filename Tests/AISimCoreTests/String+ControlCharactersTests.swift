@testable import AISimCore
import Testing

/// Text from a prior file shown on a terminal or in an SVG: every control character escaped.
@Suite("Control characters in shown text")
struct StringControlCharactersTests {
    @Test("controls, bidirectional overrides and XML's noncharacters become visible escapes", arguments: [
        ("plain title", "plain title"),
        ("red \u{1B}[31m", "red \\u001B[31m"),
        ("bell\u{7}", "bell\\u0007"),
        ("rtl \u{202E}olleh", "rtl \\u202Eolleh"),
        ("isolate \u{2066}x\u{2069}", "isolate \\u2066x\\u2069"),
        ("c1 \u{85}", "c1 \\u0085"),
        ("del \u{7F}", "del \\u007F"),
        ("tab\tstays", "tab\tstays"),
        ("line\nfeed", "line\\u000Afeed"),
        ("non\u{FFFF}char", "non\\uFFFFchar"),
        ("ünïcödé ✓", "ünïcödé ✓"),
    ])
    func escaped(_ text: String, _ expected: String) {
        #expect(text.escapingControlCharacters() == expected)
    }

    @Test("line feeds stay when asked, other controls still go")
    func lineFeeds() {
        #expect("a\nb\u{1B}".escapingControlCharacters(keepingLineFeeds: true) == "a\nb\\u001B")
    }

    @Test("a title with ESC and an RTL override is shown escaped in the table, the check and the SVG, and raw in JSON")
    func shown() throws {
        let prior = try Prior.parse("title = \"evil \\u001B[2J \\u202E\"\n", source: "t\u{1B}.toml")
        var options = SimulationOptions(trials: 100, seed: 1, threads: 1)
        options.histograms = [.streams]
        let result = try Simulation.run(prior, options: options)
        let report = RunReport(prior: prior, result: result)
        for text in [report.table(outputs: [.streams], ci: false), PriorCheck(prior).table(),
                     SVGPlot(report: report, outputs: [.streams]).render()] {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
            #expect(text.contains("evil \\u001B[2J \\u202E"))
        }
        #expect(report.json().contains("\\u001b[2J"))
    }
}
