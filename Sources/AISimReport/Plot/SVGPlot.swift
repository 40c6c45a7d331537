import AISimCore
import Foundation

/// A self-contained SVG of the distributions of some outputs: for each, a panel with the
/// density of a log-binned histogram (``LogHistogram``: the sample's own counts, never
/// smoothed) on a logarithmic x axis, and dashed markers at the 5th, 50th and 95th
/// percentiles, under a title with the prior's title, the trial count and the seed. The
/// exceedance view (``PlotKind/exceedance``) draws P(X ≥ x) instead, with the run's
/// thresholds of the output marked at their exact probabilities
/// (`SVGPlot+Exceedance.swift`).
///
/// The SVG uses no scripts, fonts or external files. Each panel's `<g>` carries its axis in
/// `data-log10-min`, `data-log10-max`, `data-left` and `data-width`, and each marker its
/// `data-percentile` and `data-value`, so a program can check where things are drawn.
public struct SVGPlot: Sendable {
    public struct Panel: Sendable {
        public let output: Output
        public let histogram: LogHistogram
        public let markers: [(label: String, percentile: Double, value: Double)]
        /// The run's exceedances of this output, for the exceedance view.
        public let exceedances: [Exceedance]
    }

    public let title: String
    public let subtitle: String
    public let panels: [Panel]
    public let notation: Notation
    public let kind: PlotKind

    static let width = 760.0, panelHeight = 266.0, top = 64.0
    static let left = 80.0, right = 24.0, plotHeight = 170.0
    static let bins = 80

    /// The plot of `outputs` from `report`'s result, whose ``SimulationResult/distributions``
    /// must hold them, with markers at the 5th, 50th and 95th percentiles.
    public init(report: RunReport, outputs: [Output], kind: PlotKind = .histogram) {
        self.kind = kind
        let result = report.result
        title = report.prior.title
        subtitle =
            "\(NumberFormat.grouped(result.trials)) trials · seed \(result.seed) · prior \(report.prior.source) (sha256 \(report.prior.sha256.prefix(12)))"
        panels = outputs.map { output in
            let sketch = result.distributions[output]!
            let markers = SimulationResult.markedPercentiles.map { p in
                (label: "p\(NumberFormat.compact(p))", percentile: p, value: result.percentile(p, of: output))
            }
            return Panel(
                output: output, histogram: LogHistogram(sketch, bins: Self.bins), markers: markers,
                exceedances: result.exceedances.filter { $0.threshold.output == output })
        }
        notation = report.notation
    }

    /// The SVG document.
    public func render() -> String {
        let height = Self.top + Double(panels.count) * Self.panelHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(height))" viewBox="0 0 \(Int(Self.width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(Int(Self.width / 2))" y="26" font-size="17" text-anchor="middle" fill="#111111">\(Self.escape(title))</text>
            <text x="\(Int(Self.width / 2))" y="46" font-size="11" text-anchor="middle" fill="#555555">\(Self.escape(subtitle))</text>

            """
        for (i, panel) in panels.enumerated() {
            let top = Self.top + Double(i) * Self.panelHeight
            svg += kind == .histogram ? render(panel, top: top) : renderExceedance(panel, top: top)
        }
        return svg + "</svg>\n"
    }

    private func render(_ panel: Panel, top: Double) -> String {
        let histogram = panel.histogram
        let spec = panel.output.spec
        let plotWidth = Self.width - Self.left - Self.right
        let baseline = top + 40 + Self.plotHeight
        let densities = (0..<histogram.counts.count).map(histogram.density)
        let peak = Self.niceCeiling(densities.max() ?? 1)
        func x(_ position: Double) -> Double { Self.left + position * plotWidth }
        func y(_ density: Double) -> Double { baseline - density / peak * Self.plotHeight }
        var out =
            "<g class=\"panel\" data-output=\"\(spec.name)\" data-log10-min=\"\(histogram.lower)\" data-log10-max=\"\(histogram.upper)\" data-left=\"\(Self.left)\" data-width=\"\(plotWidth)\">\n"
        let unit = spec.unit == spec.name ? "" : " (\(Self.escape(spec.unit)))"
        out +=
            "<text x=\"\(Self.left)\" y=\"\(Self.f(top + 14))\" font-size=\"13\" fill=\"#111111\">\(spec.name)\(unit)</text>\n"
        // The histogram as one step path, closed along the axis.
        var path = "M\(Self.f(x(0))),\(Self.f(baseline))"
        for (i, density) in densities.enumerated() {
            let x0 = x(Double(i) / Double(densities.count))
            let x1 = x(Double(i + 1) / Double(densities.count))
            path += " L\(Self.f(x0)),\(Self.f(y(density))) L\(Self.f(x1)),\(Self.f(y(density)))"
        }
        path += " L\(Self.f(x(1))),\(Self.f(baseline)) Z"
        out += "<path class=\"density\" d=\"\(path)\" fill=\"#9ecae1\" stroke=\"#3182bd\" stroke-width=\"1\"/>\n"
        out += axes(panel, baseline: baseline)
        for fraction in [0.0, 0.5, 1.0] {
            let value = peak * fraction
            out +=
                "<text x=\"\(Self.f(Self.left - 6))\" y=\"\(Self.f(y(value) + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#333333\">\(NumberFormat.compact(value))</text>\n"
        }
        out +=
            "<text transform=\"translate(\(Self.f(Self.left - 46)),\(Self.f(baseline - Self.plotHeight / 2))) rotate(-90)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333333\">share of trials per decade</text>\n"
        // Percentile markers.
        for marker in panel.markers {
            let mx = Self.f(x(histogram.position(marker.value)))
            out +=
                "<line class=\"marker\" data-percentile=\"\(NumberFormat.compact(marker.percentile))\" data-value=\"\(marker.value)\" x1=\"\(mx)\" y1=\"\(Self.f(baseline))\" x2=\"\(mx)\" y2=\"\(Self.f(baseline - Self.plotHeight))\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>\n"
            out +=
                "<text x=\"\(mx)\" y=\"\(Self.f(baseline - Self.plotHeight - 4))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#d62728\">\(marker.label) \(Self.escape(notation.format(marker.value)))</text>\n"
        }
        return out + "</g>\n"
    }

    /// The panel's axes: the x axis with its ticks, labels and unit, and the y axis's line.
    func axes(_ panel: Panel, baseline: Double) -> String {
        let histogram = panel.histogram
        let plotWidth = Self.width - Self.left - Self.right
        func x(_ position: Double) -> Double { Self.left + position * plotWidth }
        var out =
            "<line x1=\"\(Self.left)\" y1=\"\(Self.f(baseline))\" x2=\"\(Self.f(x(1)))\" y2=\"\(Self.f(baseline))\" stroke=\"#333333\"/>\n"
        out +=
            "<line x1=\"\(Self.left)\" y1=\"\(Self.f(baseline))\" x2=\"\(Self.left)\" y2=\"\(Self.f(baseline - Self.plotHeight))\" stroke=\"#333333\"/>\n"
        for tick in histogram.ticks {
            let tx = Self.f(x(histogram.position(tick)))
            out +=
                "<line x1=\"\(tx)\" y1=\"\(Self.f(baseline))\" x2=\"\(tx)\" y2=\"\(Self.f(baseline + 5))\" stroke=\"#333333\"/>\n"
            out +=
                "<text class=\"tick\" x=\"\(tx)\" y=\"\(Self.f(baseline + 18))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333333\">\(Self.escape(notation.tick(tick)))</text>\n"
        }
        out +=
            "<text x=\"\(Self.f(x(0.5)))\" y=\"\(Self.f(baseline + 36))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333333\">\(Self.escape(panel.output.spec.unit)) (log scale)</text>\n"
        return out
    }

    /// The smallest of 1, 2 or 5 times a power of ten at or above `x`, for the y axis's top.
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let decade = pow(10, log10(x).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= x }!
    }

    /// A coordinate with two decimals.
    static func f(_ x: Double) -> String { String(format: "%.2f", x) }

    /// `text` with XML's special characters escaped, and control characters (which XML 1.0
    /// does not allow, even escaped) written as visible escapes.
    static func escape(_ text: String) -> String {
        text.escapingControlCharacters().replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "<", with: "&lt;"
        )
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
