import AISimCore
import Foundation

/// A self-contained SVG of the distributions of some outputs: for each, a panel with the
/// density of a log-binned histogram (``LogHistogram``: the sample's own counts, never
/// smoothed) on a logarithmic x axis, and dashed markers at the 5th, 50th and 95th
/// percentiles, under a title with the prior's title, the trial count and the seed. The
/// exceedance view (``PlotKind/exceedance``) draws P(X ≥ x) instead, with the run's
/// thresholds of the output marked at their exact probabilities
/// (`SVGPlot+Exceedance.swift`). An output with one value in every trial gets a panel saying
/// so (`one value: 3.08e7`) rather than a spike.
///
/// No two texts overlap and none leaves the canvas, under ``SVGText``'s width model: titles
/// wrap, tick labels are kept within the canvas and thinned where they would touch, and the
/// markers' labels are stacked in rows above the plot by ``LabelLayout``, each joined to its
/// marker by the marker's own line (`SVGPlot+Markers.swift`); a panel grows by a row's height
/// for each row past the first.
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

    static let width = 760.0, margin = 4.0
    static let left = 80.0, right = 24.0, plotHeight = 170.0
    static let plotWidth = width - left - right
    /// A panel's height with one row of marker labels: title, that row, plot, ticks and unit.
    static let panelHeight = 266.0
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
    public func render() -> String { draw().document(width: Self.width) }

    /// Everything on the canvas, laid out: the title and subtitle wrapped to the canvas's
    /// width, then the panels one under another.
    func draw() -> SVGCanvas {
        var canvas = SVGCanvas()
        var y = canvas.addHeading(title, subtitle, width: Self.width)
        y += 18
        for panel in panels { y = draw(panel, top: y, on: &canvas) }
        canvas.height = y
        return canvas
    }

    /// Draws `panel` from `top` down, returning where the next panel starts.
    private func draw(_ panel: Panel, top: Double, on canvas: inout SVGCanvas) -> Double {
        let spec = panel.output.spec
        let unit = spec.unit == spec.name ? "" : " (\(spec.unit))"
        if let value = panel.histogram.onlyValue {
            canvas.add("<g class=\"panel point\" data-output=\"\(spec.name)\" data-value=\"\(value)\">\n")
            canvas.add(
                SVGText(
                    text: "\(spec.name)\(unit)", x: Self.left, y: top + 14, size: 13, anchor: .start, fill: "#111111"))
            canvas.add(
                SVGText(
                    text: "one value: \(notation.format(value))", x: Self.left + Self.plotWidth / 2,
                    y: top + 40 + Self.plotHeight / 2, size: 14, anchor: .middle, fill: "#111111"))
            canvas.add("</g>\n")
            return top + Self.panelHeight
        }
        let marks = kind == .histogram ? percentileMarks(panel) : exceedanceMarks(panel)
        let labels = markerLabels(marks, on: panel.histogram)
        let extraRows = Double(labels.map(\.placement.row).max() ?? 0)
        let plotTop = top + 40 + extraRows * Self.markerRowHeight
        switch kind {
        case .histogram: drawDensity(panel, plotTop: plotTop, on: &canvas)
        case .exceedance: drawExceedance(panel, plotTop: plotTop, on: &canvas)
        }
        let heading = kind == .histogram ? "\(spec.name)\(unit)" : "P(\(spec.name) ≥ x)\(unit)"
        canvas.add(SVGText(text: heading, x: Self.left, y: top + 14, size: 13, anchor: .start, fill: "#111111"))
        drawMarks(marks, labels: labels, histogram: panel.histogram, plotTop: plotTop, on: &canvas)
        canvas.add("</g>\n")
        return top + Self.panelHeight + extraRows * Self.markerRowHeight
    }

    /// The density as one step path closed along the axis, with the axes and the y axis's
    /// labels, in an open `<g>`.
    private func drawDensity(_ panel: Panel, plotTop: Double, on canvas: inout SVGCanvas) {
        let histogram = panel.histogram
        let baseline = plotTop + Self.plotHeight
        let densities = (0..<histogram.counts.count).map(histogram.density)
        let peak = Self.niceCeiling(densities.max() ?? 1)
        func x(_ position: Double) -> Double { Self.left + position * Self.plotWidth }
        func y(_ density: Double) -> Double { baseline - density / peak * Self.plotHeight }
        canvas.add(
            "<g class=\"panel\" data-output=\"\(panel.output.spec.name)\" data-log10-min=\"\(histogram.lower)\" data-log10-max=\"\(histogram.upper)\" data-left=\"\(Self.left)\" data-width=\"\(Self.plotWidth)\">\n"
        )
        var path = "M\(Self.f(x(0))),\(Self.f(baseline))"
        for (i, density) in densities.enumerated() {
            let x0 = x(Double(i) / Double(densities.count))
            let x1 = x(Double(i + 1) / Double(densities.count))
            path += " L\(Self.f(x0)),\(Self.f(y(density))) L\(Self.f(x1)),\(Self.f(y(density)))"
        }
        path += " L\(Self.f(x(1))),\(Self.f(baseline)) Z"
        canvas.add("<path class=\"density\" d=\"\(path)\" fill=\"#9ecae1\" stroke=\"#3182bd\" stroke-width=\"1\"/>\n")
        axes(panel, baseline: baseline, on: &canvas)
        for fraction in [0.0, 0.5, 1.0] {
            canvas.add(
                SVGText(
                    text: NumberFormat.compact(peak * fraction), x: Self.left - 6, y: y(peak * fraction) + 4, size: 10,
                    anchor: .end, fill: "#333333"))
        }
        canvas.add(
            SVGText(
                text: "share of trials per decade", x: Self.left - 46, y: baseline - Self.plotHeight / 2, size: 10,
                anchor: .middle, fill: "#333333", upright: true))
    }

    /// The panel's axes: the x axis with its ticks, labels and unit, and the y axis's line.
    /// A tick's label is centred on it unless that would leave the canvas, and left out when
    /// it would come within 4 of the label before (its tick stays).
    func axes(_ panel: Panel, baseline: Double, on canvas: inout SVGCanvas) {
        let histogram = panel.histogram
        func x(_ position: Double) -> Double { Self.left + position * Self.plotWidth }
        canvas.add(
            "<line x1=\"\(Self.left)\" y1=\"\(Self.f(baseline))\" x2=\"\(Self.f(x(1)))\" y2=\"\(Self.f(baseline))\" stroke=\"#333333\"/>\n"
        )
        canvas.add(
            "<line x1=\"\(Self.left)\" y1=\"\(Self.f(baseline))\" x2=\"\(Self.left)\" y2=\"\(Self.f(baseline - Self.plotHeight))\" stroke=\"#333333\"/>\n"
        )
        var lastEnd = -Double.infinity
        for tick in histogram.ticks {
            let tx = x(histogram.position(tick))
            canvas.add(
                "<line x1=\"\(Self.f(tx))\" y1=\"\(Self.f(baseline))\" x2=\"\(Self.f(tx))\" y2=\"\(Self.f(baseline + 5))\" stroke=\"#333333\"/>\n"
            )
            let label = notation.tick(tick)
            let half = SVGText.width(of: label, size: 11) / 2
            let centre = min(max(tx, Self.margin + half), Self.width - Self.margin - half)
            guard centre - half >= lastEnd + 4 else { continue }
            lastEnd = centre + half
            canvas.add(
                SVGText(
                    text: label, x: centre, y: baseline + 18, size: 11, anchor: .middle, fill: "#333333",
                    attributes: "class=\"tick\""))
        }
        canvas.add(
            SVGText(
                text: "\(panel.output.spec.unit) (log scale)", x: x(0.5), y: baseline + 36, size: 11, anchor: .middle,
                fill: "#333333"))
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
