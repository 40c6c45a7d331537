import AISimCore
import Foundation

/// A fan chart per output of runs along one numeric axis (a timeline's years, a sweep's
/// values): the axis across (linear, or logarithmic for a sweep over decades), the output on a
/// log y axis, the p5–p95 band, the p25–p75 band inside it and the median as a line, each
/// threshold of the output as a dashed horizontal line with its label.
///
/// Every text is an ``SVGText`` on an ``SVGCanvas``, so a test checks from the drawn numbers
/// that no two overlap and none leaves the canvas: axis labels are thinned to those that fit,
/// decade labels to those a line apart, and threshold labels are stacked downward from their
/// lines where two would touch.
///
/// - Precondition: every result holds the 5th, 25th, 50th, 75th and 95th percentiles.
/// - Complexity: O(points × outputs).
public struct FanChart: Sendable {
    public let title: String
    public let subtitle: String
    /// Where each run sits on the axis, increasing, and its label.
    public let xs: [Double]
    public let labels: [String]
    /// What the axis is, under the plot: "year", "ai_share (fraction, log scale)".
    public let axisTitle: String
    public let logX: Bool
    public let results: [SimulationResult]
    public let outputs: [Output]
    public let notation: Notation

    /// The percentiles the chart draws.
    public static let drawn: [Double] = [5, 25, 50, 75, 95]

    static let width = SVGPlot.width, left = 86.0, right = 150.0, plotHeight = 220.0, panelHeight = 300.0

    /// The chart of a timeline: one run per year.
    public init(
        prior: Prior, years: [Double], results: [SimulationResult], outputs: [Output], notation: Notation = .default
    ) {
        self.init(
            prior: prior, xs: years, labels: years.map(Timeline.text), axisTitle: "year", logX: false, per: "a year",
            results: results, outputs: outputs, notation: notation)
    }

    /// The chart of a sweep over `input`'s numeric `values`, on a log axis when they are all
    /// positive and span more than a decade.
    public init(
        prior: Prior, input: Input, values: [Double], results: [SimulationResult], outputs: [Output],
        notation: Notation = .default
    ) {
        let logX = values.allSatisfy { $0 > 0 } && (values.max() ?? 1) / (values.min() ?? 1) > 10
        self.init(
            prior: prior, xs: values, labels: values.map(notation.format),
            axisTitle: "\(input.spec.name) (\(input.spec.unit)\(logX ? ", log scale" : ""))", logX: logX,
            per: "per row", results: results, outputs: outputs, notation: notation)
    }

    private init(
        prior: Prior, xs: [Double], labels: [String], axisTitle: String, logX: Bool, per: String,
        results: [SimulationResult], outputs: [Output], notation: Notation
    ) {
        precondition(xs.count == results.count && !xs.isEmpty && zip(xs, xs.dropFirst()).allSatisfy(<))
        title = prior.title
        subtitle =
            "\(NumberFormat.grouped(results[0].trials)) \(results[0].trials == 1 ? "trial" : "trials") \(per) · seed \(results[0].seed) · prior \(prior.source) (sha256 \(prior.sha256.prefix(12)))"
        self.xs = xs
        self.labels = labels
        self.axisTitle = axisTitle
        self.logX = logX
        self.results = results
        self.outputs = outputs
        self.notation = notation
    }

    /// The `p`th percentile of `output` in `result`.
    func value(_ p: Double, _ output: Output, _ result: SimulationResult) -> Double {
        guard let k = result.percentiles.firstIndex(where: { $0.value == p }) else { return .nan }
        return result[output].percentiles[k]
    }

    public func render() -> String { draw().document(width: Self.width) }

    /// The title, then one panel per output.
    func draw() -> SVGCanvas {
        var canvas = SVGCanvas()
        var y = canvas.addHeading(title, subtitle, width: Self.width)
        y += 12
        for output in outputs { y = panel(output, top: y, on: &canvas) }
        canvas.height = y
        return canvas
    }

    /// One output's panel from `top`; returns its bottom.
    private func panel(_ output: Output, top: Double, on canvas: inout SVGCanvas) -> Double {
        let thresholds = results[0].exceedances.map(\.threshold).filter { $0.output == output }
        let all = results.flatMap { r in Self.drawn.map { value($0, output, r) } } + thresholds.map(\.value)
        let finite = all.filter { $0 > 0 && $0.isFinite }
        let low = floor(log10(finite.min() ?? 1))
        let high = max(ceil(log10(finite.max() ?? 10)), low + 1)
        // Decades at least a line apart; the plot starts right of the widest label.
        let step = max(1, Int(ceil((high - low) / (Self.plotHeight / 16))))
        let decades = Array(stride(from: Int(low), through: Int(high), by: step))
        let widest = decades.map { SVGText.width(of: notation.format(pow(10, Double($0))), size: 11) }.max() ?? 0
        let left = max(Self.left, widest + 16)
        let plotTop = top + 28
        let plotWidth = Self.width - left - Self.right
        let plotBottom = plotTop + Self.plotHeight
        let place = { (v: Double) in self.logX ? log10(v) : v }
        let first = place(xs[0])
        let last = place(xs[xs.count - 1])
        let x = { (v: Double) in left + (last > first ? (place(v) - first) / (last - first) : 0.5) * plotWidth }
        let y = { (v: Double) in plotTop + (high - log10(v)) / (high - low) * Self.plotHeight }
        canvas.add(
            SVGText(
                text: "\(output.spec.name) (\(output.spec.unit))", x: left, y: top + 16, size: 13, anchor: .start,
                fill: "#111111"))
        canvas.add(
            "<g data-output=\"\(output.spec.name)\" data-log10-min=\"\(NumberFormat.compact(low))\" data-log10-max=\"\(NumberFormat.compact(high))\">\n"
        )
        for (outer, inner, fill) in [(5.0, 95.0, "#c6dbef"), (25.0, 75.0, "#6baed6")] {
            let upper = zip(xs, results).map { "\(SVGPlot.f(x($0))),\(SVGPlot.f(y(value(inner, output, $1))))" }
            let lower = zip(xs, results).reversed().map {
                "\(SVGPlot.f(x($0))),\(SVGPlot.f(y(value(outer, output, $1))))"
            }
            canvas.add(
                "<polygon class=\"band\" data-from=\"p\(Int(outer))\" data-to=\"p\(Int(inner))\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(fill)\" stroke=\"none\"/>\n"
            )
        }
        let median = zip(xs, results).map { "\(SVGPlot.f(x($0))),\(SVGPlot.f(y(value(50, output, $1))))" }
        canvas.add(
            "<polyline class=\"median\" points=\"\(median.joined(separator: " "))\" fill=\"none\" stroke=\"#08306b\" stroke-width=\"2\"/>\n"
        )
        canvas.add(
            "<rect x=\"\(SVGPlot.f(left))\" y=\"\(SVGPlot.f(plotTop))\" width=\"\(SVGPlot.f(plotWidth))\" height=\"\(SVGPlot.f(Self.plotHeight))\" fill=\"none\" stroke=\"#333333\"/>\n"
        )
        for decade in decades {
            let at = y(pow(10, Double(decade)))
            canvas.add(
                "<line x1=\"\(SVGPlot.f(left - 4))\" y1=\"\(SVGPlot.f(at))\" x2=\"\(SVGPlot.f(left))\" y2=\"\(SVGPlot.f(at))\" stroke=\"#333333\"/>\n"
            )
            canvas.add(
                SVGText(
                    text: notation.format(pow(10, Double(decade))), x: left - 7, y: at + 4, size: 11, anchor: .end,
                    fill: "#333333"))
        }
        // The axis's values along the bottom, thinned to those whose labels fit.
        var lastEnd = -Double.infinity
        for (point, text) in zip(xs, labels) {
            let label = SVGText(
                text: text, x: x(point), y: plotBottom + 20, size: 11, anchor: .middle,
                fill: "#333333")
            canvas.add(
                "<line x1=\"\(SVGPlot.f(x(point)))\" y1=\"\(SVGPlot.f(plotTop + Self.plotHeight))\" x2=\"\(SVGPlot.f(x(point)))\" y2=\"\(SVGPlot.f(plotTop + Self.plotHeight + 4))\" stroke=\"#333333\"/>\n"
            )
            guard label.box.minX > lastEnd + 6, label.box.maxX <= Self.width - 2 else { continue }
            canvas.add(label)
            lastEnd = label.box.maxX
        }
        // Thresholds: dashed lines, labels to the right of the plot, stacked a line apart and
        // kept within the plot's height (moved up together when the stack runs past it).
        let sorted = thresholds.sorted { $0.value > $1.value }
        let lineHeight = 11 * (SVGText.ascent + SVGText.descent) + 2
        var baselines: [Double] = []
        for threshold in sorted {
            let wanted = y(threshold.value) + 4
            baselines.append(max(wanted, (baselines.last ?? -.infinity) + lineHeight))
        }
        let excess = (baselines.last ?? 0) - (plotBottom - 11 * SVGText.descent)
        if excess > 0 { baselines = baselines.map { $0 - excess } }
        for (threshold, baseline) in zip(sorted, baselines) {
            let at = y(threshold.value)
            canvas.add(
                "<line class=\"threshold\" data-value=\"\(threshold.value)\" x1=\"\(SVGPlot.f(left))\" y1=\"\(SVGPlot.f(at))\" x2=\"\(SVGPlot.f(left + plotWidth))\" y2=\"\(SVGPlot.f(at))\" stroke=\"#d62728\" stroke-dasharray=\"5,3\"/>\n"
            )
            let text = "\(threshold.comparison.rawValue) \(notation.format(threshold.value))"
            canvas.add(
                SVGText(text: text, x: left + plotWidth + 6, y: baseline, size: 11, anchor: .start, fill: "#d62728"))
        }
        canvas.add("</g>\n")
        let legendY = plotBottom + 40
        canvas.add(
            SVGText(
                text: "\(axisTitle) · median · p25–p75 · p5–p95", x: left, y: legendY, size: 11, anchor: .start,
                fill: "#555555"))
        return top + Self.panelHeight
    }
}
