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

    @Test("a point prior's SVG and terminal plot say one value instead of drawing a spike")
    func point() throws {
        let prior = try Prior.parse("[inputs]\nhorizon = 1\n", source: "p.toml")
        var options = SimulationOptions(trials: 1000, seed: 2, threads: 1)
        options.distributionsKept = [.parallelTokensPerS]
        let report = RunReport(prior: prior, result: try Simulation.run(prior, options: options))
        for kind in PlotKind.allCases {
            let svg = SVGPlot(report: report, outputs: [.parallelTokensPerS], kind: kind).render()
            #expect(
                svg.contains(">one value: 3.08e7</text>") && !svg.contains("class=\"density\"")
                    && !svg.contains("marker"))
            let plot = TerminalPlot(
                output: .parallelTokensPerS, sketch: try #require(report.result.distributions[.parallelTokensPerS]),
                markers: [], unicode: true, kind: kind)
            #expect(
                plot.render().hasSuffix("1,000 trials, one value: 3.08e7\n")
                    && plot.render().split(separator: "\n").count == 1)
        }
    }

    /// A run with thresholds on streams, one of each side.
    static func thresholdReport() throws -> RunReport {
        let prior = try Prior.parse("[inputs]\nhorizon = \"1 to 1000\"\n", source: "p.toml")
        var options = SimulationOptions(trials: 50_000, seed: 2, threads: 1)
        options.distributionsKept = [.streams]
        options.thresholds = [Threshold(.streams, .atLeast, 1e6), Threshold(.streams, .below, 3e5)]
        return RunReport(prior: prior, result: try Simulation.run(prior, options: options))
    }

    @Test("the exceedance SVG falls from 1 to 0 and puts each threshold's dot on the curve at its exact probability")
    func exceedanceSVG() throws {
        let report = try Self.thresholdReport()
        let svg = SVGPlot(report: report, outputs: [.streams], kind: .exceedance).render()
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        #expect(parser.parse())
        let panel = try #require(elements.found.first { $0.attributes["class"] == "panel exceedance" })
        let top = try #require(panel.attributes["data-top"].flatMap(Double.init))
        let height = try #require(panel.attributes["data-height"].flatMap(Double.init))
        func probability(_ y: Double) -> Double { (top + height - y) / height }
        let path = try #require(elements.found.first { $0.attributes["class"] == "exceedance" }?.attributes["d"])
        let points = path.dropFirst().split(separator: " ").map { point in
            point.trimmingPrefix("L").split(separator: ",").map { Double($0)! }
        }
        #expect(points.count == SVGPlot.bins + 1)
        let curve = points.map { probability($0[1]) }
        #expect(curve.first! > 0.99 && curve.last! < 0.01)
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 >= $1 })
        let lines = elements.found.filter { $0.attributes["data-threshold"] != nil }
        let dots = elements.found.filter { $0.name == "circle" }
        #expect(lines.count == 2 && dots.count == 2)
        for (e, dot) in zip(report.result.exceedances, dots) {
            let y = try #require(dot.attributes["cy"].flatMap(Double.init))
            let onCurve = e.threshold.comparison.countsAbove ? e.probability : 1 - e.probability
            // The dot is at the exact count; its height is drawn to 0.01 pixel of 170.
            #expect(abs(probability(y) - onCurve) < 1e-4)
            // And the curve passes within a bin's fall of it.
            let x = try #require(dot.attributes["cx"].flatMap(Double.init))
            let nearest = points.min { abs($0[0] - x) < abs($1[0] - x) }!
            #expect(abs(probability(nearest[1]) - onCurve) < 0.05)
        }
    }

    @Test(
        "the exceedance terminal plot's bars fall from full height, and the thresholds are marked with their probabilities"
    )
    func exceedanceTerminal() throws {
        let report = try Self.thresholdReport()
        let e = report.result.exceedances[0]
        let plot = TerminalPlot(
            output: .streams, sketch: try #require(report.result.distributions[.streams]),
            markers: [(label: "P(>=)=\(Exceedance.shown(e.probability)) at", value: e.threshold.value)], unicode: true,
            kind: .exceedance)
        let heights = plot.barHeights()
        #expect(heights.first! >= TerminalPlot.height * 8 - 1 && heights.last! <= 1)
        #expect(zip(heights, heights.dropFirst()).allSatisfy { $0 >= $1 })
        let lines = plot.render().split(separator: "\n")
        #expect(lines.first == "P(streams ≥ x), full height 1: 50,000 trials, log axis from p0.1 to p99.9")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.last?.contains("P(>=)=\(Exceedance.shown(e.probability)) at 1.00e6") == true)
    }
}
