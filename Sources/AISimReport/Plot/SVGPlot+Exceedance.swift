import AISimCore
import Foundation

extension SVGPlot {
    /// A panel of the exceedance view: P(X ≥ x) from 1 to 0 as a line through the histogram's
    /// bin edges (``LogHistogram/exceedance(atEdge:)``), a linear y axis, and each threshold of
    /// the output (or, with none, the 5th, 50th and 95th percentiles) marked by a dashed line
    /// and a dot at its exact probability (for `<` and `<=`, at one less it, where the curve
    /// of P(X ≥ x) passes).
    ///
    /// The curve's `<path>` has class `exceedance`; each threshold's `<line>` carries
    /// `data-threshold`, `data-op` and `data-probability`.
    func renderExceedance(_ panel: Panel, top: Double) -> String {
        let histogram = panel.histogram
        let spec = panel.output.spec
        let plotWidth = Self.width - Self.left - Self.right
        let baseline = top + 40 + Self.plotHeight
        func x(_ position: Double) -> Double { Self.left + min(1, max(0, position)) * plotWidth }
        func y(_ p: Double) -> Double { baseline - p * Self.plotHeight }
        var out =
            "<g class=\"panel exceedance\" data-output=\"\(spec.name)\" data-log10-min=\"\(histogram.lower)\" data-log10-max=\"\(histogram.upper)\" data-left=\"\(Self.left)\" data-width=\"\(plotWidth)\" data-top=\"\(Self.f(baseline - Self.plotHeight))\" data-height=\"\(Self.plotHeight)\">\n"
        let unit = spec.unit == spec.name ? "" : " (\(Self.escape(spec.unit)))"
        out +=
            "<text x=\"\(Self.left)\" y=\"\(Self.f(top + 14))\" font-size=\"13\" fill=\"#111111\">P(\(spec.name) ≥ x)\(unit)</text>\n"
        let bins = histogram.counts.count
        let points = (0...bins).map { i in
            "\(Self.f(x(Double(i) / Double(bins)))),\(Self.f(y(histogram.exceedance(atEdge: i))))"
        }
        out +=
            "<path class=\"exceedance\" d=\"M\(points.joined(separator: " L"))\" fill=\"none\" stroke=\"#3182bd\" stroke-width=\"2\"/>\n"
        out += axes(panel, baseline: baseline)
        for p in [0.0, 0.25, 0.5, 0.75, 1.0] {
            out +=
                "<line x1=\"\(Self.f(Self.left - 4))\" y1=\"\(Self.f(y(p)))\" x2=\"\(Self.left)\" y2=\"\(Self.f(y(p)))\" stroke=\"#333333\"/>\n"
            out +=
                "<text x=\"\(Self.f(Self.left - 6))\" y=\"\(Self.f(y(p) + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#333333\">\(NumberFormat.compact(p))</text>\n"
        }
        out +=
            "<text transform=\"translate(\(Self.f(Self.left - 46)),\(Self.f(baseline - Self.plotHeight / 2))) rotate(-90)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333333\">P(≥ x)</text>\n"
        let marks: [(label: String, value: Double, probability: Double, attributes: String)] =
            panel.exceedances.isEmpty
            ? panel.markers.map { marker in
                (
                    marker.label, marker.value, 1 - marker.percentile / 100,
                    "data-percentile=\"\(NumberFormat.compact(marker.percentile))\" data-value=\"\(marker.value)\""
                )
            }
            : panel.exceedances.map { e in
                (
                    "P(\(e.threshold.comparison.rawValue) \(notation.format(e.threshold.value))) = \(Exceedance.shown(e.probability))",
                    e.threshold.value, e.threshold.comparison.countsAbove ? e.probability : 1 - e.probability,
                    "data-threshold=\"\(e.threshold.value)\" data-op=\"\(Self.escape(e.threshold.comparison.rawValue))\" data-probability=\"\(e.probability)\""
                )
            }
        for mark in marks {
            let mx = Self.f(x(histogram.position(mark.value)))
            out +=
                "<line class=\"marker\" \(mark.attributes) x1=\"\(mx)\" y1=\"\(Self.f(baseline))\" x2=\"\(mx)\" y2=\"\(Self.f(baseline - Self.plotHeight))\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>\n"
            out +=
                "<circle cx=\"\(mx)\" cy=\"\(Self.f(y(mark.probability)))\" r=\"3.5\" fill=\"#d62728\"/>\n"
            out +=
                "<text x=\"\(Self.f(x(histogram.position(mark.value)) + 6))\" y=\"\(Self.f(y(mark.probability) - 6))\" font-size=\"10\" fill=\"#d62728\">\(Self.escape(mark.label))</text>\n"
        }
        return out + "</g>\n"
    }
}
