import AISimCore
import Testing

@testable import AISimReport

/// Text from a prior file where the reports show it: control characters escaped in the table,
/// the check and the SVG, and kept (JSON-escaped) in JSON.
@Suite("Shown text")
struct ShownTextTests {
    @Test("a title with ESC and an RTL override is shown escaped in the table, the check and the SVG, and raw in JSON")
    func shown() throws {
        let prior = try Prior.parse("title = \"evil \\u001B[2J \\u202E\"\n", source: "t\u{1B}.toml")
        var options = SimulationOptions(trials: 100, seed: 1, threads: 1)
        options.distributionsKept = [.streams]
        let result = try Simulation.run(prior, options: options)
        let report = RunReport(prior: prior, result: result)
        for text in [
            report.table(outputs: [.streams], ci: false), PriorCheck(prior).table(),
            SVGPlot(report: report, outputs: [.streams]).render(),
        ] {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
            #expect(text.contains("evil \\u001B[2J \\u202E"))
        }
        #expect(report.json().contains("\\u001b[2J"))
    }
}
