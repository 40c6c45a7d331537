import AISimCore
import Foundation

extension SVGPlot {
    /// A panel of the exceedance view, in an open `<g>`: P(X ≥ x) from 1 to 0 as a line
    /// through the histogram's bin edges (``LogHistogram/exceedance(atEdge:)``), and a linear
    /// y axis.
    ///
    /// The curve's `<path>` has class `exceedance`.
    func drawExceedance(_ panel: Panel, plotTop: Double, on canvas: inout SVGCanvas) {
        let histogram = panel.histogram
        let baseline = plotTop + Self.plotHeight
        func x(_ position: Double) -> Double { Self.left + position * Self.plotWidth }
        func y(_ p: Double) -> Double { baseline - p * Self.plotHeight }
        canvas.add(
            "<g class=\"panel exceedance\" data-output=\"\(panel.output.spec.name)\" data-log10-min=\"\(histogram.lower)\" data-log10-max=\"\(histogram.upper)\" data-left=\"\(Self.left)\" data-width=\"\(Self.plotWidth)\" data-top=\"\(Self.f(plotTop))\" data-height=\"\(Self.plotHeight)\">\n"
        )
        let bins = histogram.counts.count
        let points = (0...bins).map { i in
            "\(Self.f(x(Double(i) / Double(bins)))),\(Self.f(y(histogram.exceedance(atEdge: i))))"
        }
        canvas.add(
            "<path class=\"exceedance\" d=\"M\(points.joined(separator: " L"))\" fill=\"none\" stroke=\"#3182bd\" stroke-width=\"2\"/>\n"
        )
        axes(panel, baseline: baseline, on: &canvas)
        for p in [0.0, 0.25, 0.5, 0.75, 1.0] {
            canvas.add(
                "<line x1=\"\(Self.f(Self.left - 4))\" y1=\"\(Self.f(y(p)))\" x2=\"\(Self.left)\" y2=\"\(Self.f(y(p)))\" stroke=\"#333333\"/>\n"
            )
            canvas.add(
                SVGText(
                    text: NumberFormat.compact(p), x: Self.left - 6, y: y(p) + 4, size: 10, anchor: .end,
                    fill: "#333333"))
        }
        canvas.add(
            SVGText(
                text: "P(≥ x)", x: Self.left - 46, y: baseline - Self.plotHeight / 2, size: 10, anchor: .middle,
                fill: "#333333", upright: true))
    }

    /// Each threshold of the output, marked at its exact probability (for `<` and `<=`, at
    /// one less it, where the curve of P(X ≥ x) passes), or with none the 5th, 50th and 95th
    /// percentiles. Each threshold's line carries `data-threshold`, `data-op` and
    /// `data-probability`.
    func exceedanceMarks(_ panel: Panel) -> [Mark] {
        guard !panel.exceedances.isEmpty else { return percentileMarks(panel) }
        return panel.exceedances.map { e in
            (
                "P(\(e.threshold.comparison.rawValue) \(notation.format(e.threshold.value)))",
                "= \(Exceedance.shown(e.probability))", e.threshold.value,
                "data-threshold=\"\(e.threshold.value)\" data-op=\"\(Self.escape(e.threshold.comparison.rawValue))\" data-probability=\"\(e.probability)\"",
                e.threshold.comparison.countsAbove ? e.probability : 1 - e.probability
            )
        }
    }
}
