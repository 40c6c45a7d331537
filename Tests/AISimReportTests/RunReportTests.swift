import AISimCore
import Foundation
import Testing

@testable import AISimReport

/// RunReport's table, CSV and JSON: their layout, and that every number they hold is the
/// result's own (CSV and JSON to the last bit).
@Suite("Run reports")
struct RunReportTests {
    static func report(
        _ text: String = "title = \"t\"\n[inputs]\nhorizon = \"1 to 100\"\n", trials: Int = 20_000,
        percentiles: String = "5,50,95"
    ) throws -> RunReport {
        let prior = try Prior.parse(text, source: "r.toml")
        let options = SimulationOptions(
            trials: trials, seed: 3, threads: 1, percentiles: try Percentile.parseList(percentiles))
        return RunReport(prior: prior, result: try Simulation.run(prior, options: options))
    }

    @Test("the table: title, provenance, a row per percentile and the mean, a column per output with its unit")
    func table() throws {
        let report = try Self.report()
        let lines = report.table(outputs: [.parallelTokensPerS, .streams]).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "t" && lines[1] == "prior r.toml · 20,000 trials · seed 3" && lines[2].isEmpty)
        #expect(lines[3].split(separator: " ") == ["parallel_tokens_per_s", "streams"])
        #expect(lines[4].split(separator: " ") == ["token-eq/s"], "streams says its own unit")
        for (row, key) in zip(lines[5...8], ["p5", "p50", "p95", "mean"]) {
            let cells = row.split(separator: " ")
            #expect(cells[0] == key)
            let value =
                key == "mean"
                ? report.result[.streams].mean
                : report.result[.streams].percentiles[["p5", "p50", "p95"].firstIndex(of: key)!]
            #expect(String(cells[2]) == Notation.sci.format(value))
        }
    }

    @Test("CSV rows hold every output's unit, mean and percentiles, reading back to the same doubles")
    func csv() throws {
        let report = try Self.report()
        let rows = report.csv(ci: true).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows[0] == "output,unit,mean,p5,p50,p95,mean_se,p5_lo,p5_hi,p50_lo,p50_hi,p95_lo,p95_hi")
        #expect(rows.count == 1 + report.prior.reportedOutputs.count)
        for (row, output) in zip(rows.dropFirst(), report.prior.reportedOutputs) {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let summary = report.result[output]
            #expect(fields[0] == output.spec.name && fields[1] == output.spec.unit)
            #expect(Double(fields[2]) == summary.mean)
            #expect(fields[3...5].map { Double($0)! } == summary.percentiles)
            #expect(Double(fields[6]) == summary.meanStandardError)
            #expect(Double(fields[7]) == summary.intervals[0].lower && Double(fields[12]) == summary.intervals[2].upper)
        }
    }

    /// Foundation's JSONSerialization on Linux rounds some doubles it reads (2496041.0710660215
    /// comes back as 2496041.071066021), so the structure is read with it and the numbers from
    /// the text with Swift's correctly rounded Double(String).
    @Test("JSON holds the result's numbers to the last bit, keyed p + the percentile as given")
    func json() throws {
        let report = try Self.report(percentiles: "5,50,99.9")
        let text = report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["trials"] as? Int == 20_000 && object["seed"] as? Int == 3)
        let outputs = try #require(object["outputs"] as? [String: [String: Any]])
        #expect(Set(outputs.keys) == Set(report.prior.reportedOutputs.map(\.spec.name)))
        let percentiles = try #require(outputs["streams"]?["percentiles"] as? [String: Double])
        #expect(Set(percentiles.keys) == ["p5", "p50", "p99.9"])
        let summary = report.result[.streams]
        for x in summary.percentiles + [summary.mean, summary.intervals[1].lower!, summary.intervals[1].upper!] {
            let written = NumberFormat.exact(x)
            #expect(text.contains(written) && Double(written) == x, "\(x)")
        }
    }

    @Test("with --ci each estimate sits inside its printed interval, and the mean shows its standard error")
    func intervals() throws {
        let report = try Self.report()
        let text = report.table(outputs: [.streams], ci: true)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("p") && $0.contains("[") }
        #expect(rows.count == 3)
        for row in rows {
            let numbers = row.split(whereSeparator: { " [],".contains($0) }).dropFirst().map { Double($0)! }
            #expect(numbers[1] <= numbers[0] && numbers[0] <= numbers[2], "\(row)")
        }
        #expect(text.contains("mean") && text.contains(" ± "))
    }
}
