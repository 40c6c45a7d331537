import AISimCore

extension SVGPlot {
    /// A marker: its label's name and value as shown, where it is, its line's attributes, and
    /// in the exceedance view the height of its dot (P(X ≥ x) there).
    typealias Mark = (name: String, shown: String, value: Double, attributes: String, probability: Double?)

    /// Font size and row pitch of the markers' labels.
    static let markerSize = 10.0, markerRowHeight = 13.0
    /// The markers' labels stay right of the y axis's labels and within the canvas, 3 from
    /// their marker's line (1.5 wide), and 6 apart.
    static let markerLayout = LabelLayout(
        bounds: left...(width - margin), inset: 3, leaderHalfWidth: 1, gap: 6)

    /// The 5th, 50th and 95th percentiles, with the probability of exceeding each in the
    /// exceedance view.
    func percentileMarks(_ panel: Panel) -> [Mark] {
        panel.markers.map { marker in
            (
                marker.label, notation.format(marker.value), marker.value,
                "data-percentile=\"\(NumberFormat.compact(marker.percentile))\" data-value=\"\(marker.value)\"",
                kind == .exceedance ? 1 - marker.percentile / 100 : nil
            )
        }
    }

    /// Where `value` is drawn on `histogram`'s axis, kept within it.
    static func x(of value: Double, on histogram: LogHistogram) -> Double {
        left + min(1, max(0, histogram.position(value))) * plotWidth
    }

    /// The marks' labels, merged where their lines are within 2 of each other, placed in
    /// rows above the plot by ``markerLayout``.
    func markerLabels(_ marks: [Mark], on histogram: LogHistogram) -> [(
        label: MarkerLabel, placement: LabelLayout.Placement
    )] {
        let labels = MarkerLabel.merged(
            marks.map { (name: $0.name, value: $0.shown, anchor: Self.x(of: $0.value, on: histogram)) }, within: 2)
        let placements = Self.markerLayout.place(
            labels.map { (anchor: $0.anchor, width: SVGText.width(of: $0.text, size: Self.markerSize)) })
        return Array(zip(labels, placements))
    }

    /// Draws each mark's dashed line up through the plot (a label's first mark's line on to
    /// the middle of its label's row, as its leader) and its dot in the exceedance view, in
    /// the marks' order, then the labels in their rows, row 0 just above the plot.
    func drawMarks(
        _ marks: [Mark], labels: [(label: MarkerLabel, placement: LabelLayout.Placement)], histogram: LogHistogram,
        plotTop: Double, on canvas: inout SVGCanvas
    ) {
        let baseline = plotTop + Self.plotHeight
        func row(_ placement: LabelLayout.Placement) -> Double {
            plotTop - 4 - Double(placement.row) * Self.markerRowHeight
        }
        var tops = [Double](repeating: plotTop, count: marks.count)
        for (label, placement) in labels { tops[label.members[0]] = row(placement) - 0.35 * Self.markerSize }
        for (mark, top) in zip(marks, tops) {
            let x = Self.x(of: mark.value, on: histogram)
            canvas.add(SVGCanvas.MarkerLine(x: x, top: top, bottom: baseline), attributes: mark.attributes)
            if let p = mark.probability {
                canvas.add(
                    "<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(baseline - p * Self.plotHeight))\" r=\"3.5\" fill=\"#d62728\"/>\n"
                )
            }
        }
        for (label, placement) in labels {
            canvas.add(
                SVGText(
                    text: label.text, x: placement.start, y: row(placement), size: Self.markerSize, anchor: .start,
                    fill: "#d62728"))
        }
    }
}
