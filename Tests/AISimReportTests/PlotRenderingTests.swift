import AISimCore
import Foundation
import Testing

@testable import AISimReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// SVGPlot.swift and TerminalPlot.swift: what they draw is the result's own distribution.
@Suite("Plot rendering")
struct PlotRenderingTests {
    static func report() throws -> RunReport {
        let prior = try Prior.parse("title = \"a <b> & c\"\n[inputs]\nhorizon = \"1 to 1000\"\n", source: "p.toml")
        var options = SimulationOptions(trials: 50_000, seed: 2, threads: 1)
        options.distributionsKept = [.parallelTokensPerS, .streams]
        return RunReport(prior: prior, result: try Simulation.run(prior, options: options))
    }

    /// Collects the attributes of every element of an XML document, failing on any parse error.
    final class Elements: NSObject, XMLParserDelegate {
        var found: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            found.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test("the SVG is well-formed XML with a panel per output and markers at the result's p5, p50 and p95")
    func svg() throws {
        let report = try Self.report()
        let parser = XMLParser(
            data: Data(SVGPlot(report: report, outputs: [.parallelTokensPerS, .streams]).render().utf8))
        let elements = Elements()
        parser.delegate = elements
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(elements.text.contains("a <b> & c"))
        let panels = elements.found.filter { $0.attributes["data-log10-min"] != nil }
        #expect(panels.count == 2)
        let markers = elements.found.compactMap { element -> (Double, Double)? in
            guard let p = element.attributes["data-percentile"].flatMap(Double.init),
                let v = element.attributes["data-value"].flatMap(Double.init)
            else { return nil }
            return (p, v)
        }
        #expect(markers.count == 6)
        for (k, output) in [Output.parallelTokensPerS, .streams].enumerated() {
            for (j, p) in SimulationResult.markedPercentiles.enumerated() {
                let (percentile, value) = markers[3 * k + j]
                #expect(percentile == p && abs(value / report.result.percentile(p, of: output) - 1) < 1e-9)
            }
        }
    }

    @Test("the terminal plot stays within 80 columns and marks p5, p50 and p95 in that order")
    func terminal() throws {
        let report = try Self.report()
        let markers = SimulationResult.markedPercentiles.map { p in
            (label: "p\(NumberFormat.compact(p))", value: report.result.percentile(p, of: .streams))
        }
        let plot = TerminalPlot(
            output: .streams, sketch: try #require(report.result.distributions[.streams]), markers: markers,
            unicode: true)
        let lines = plot.render().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        let columns = markers.map { plot.column($0.value) }
        #expect(columns == columns.sorted() && Set(columns).count == 3)
        #expect(lines.last.map { $0.contains("p5") && $0.contains("p50") && $0.contains("p95") } == true)
    }
}
