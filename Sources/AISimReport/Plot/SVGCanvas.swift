/// An SVG plot being drawn: its elements in order, with the geometry of its texts and of its
/// markers' lines kept beside them, so that a test can check the layout from the same
/// numbers the SVG is written from.
struct SVGCanvas: Sendable {
    /// A marker's vertical line, from the axis up through the plot to its label's row.
    struct MarkerLine: Sendable {
        let x: Double
        let top: Double
        let bottom: Double
    }

    /// The elements, as SVG.
    private(set) var body = ""
    private(set) var texts: [SVGText] = []
    private(set) var markerLines: [MarkerLine] = []
    /// The canvas's height, once the last panel is drawn.
    var height = 0.0

    mutating func add(_ element: String) { body += element }

    /// The title and subtitle, each wrapped to `width` less the margins and centred; returns
    /// the baseline of the subtitle's last line.
    mutating func addHeading(_ title: String, _ subtitle: String, width: Double) -> Double {
        let lineWidth = width - 2 * SVGPlot.margin
        var y = 26.0
        for (i, line) in SVGText.wrapped(title, size: 17, width: lineWidth).enumerated() {
            if i > 0 { y += 21 }
            add(SVGText(text: line, x: width / 2, y: y, size: 17, anchor: .middle, fill: "#111111"))
        }
        y += 6
        for line in SVGText.wrapped(subtitle, size: 11, width: lineWidth) {
            y += 14
            add(SVGText(text: line, x: width / 2, y: y, size: 11, anchor: .middle, fill: "#555555"))
        }
        return y
    }

    /// The whole SVG document of the canvas, `width` wide and as high as drawn.
    func document(width: Double) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">
        <rect width="100%" height="100%" fill="#ffffff"/>

        """ + body + "</svg>\n"
    }

    mutating func add(_ text: SVGText) {
        texts.append(text)
        body += text.element
    }

    /// A dashed red line, carrying `attributes`.
    mutating func add(_ line: MarkerLine, attributes: String) {
        markerLines.append(line)
        body +=
            "<line class=\"marker\" \(attributes) x1=\"\(SVGPlot.f(line.x))\" y1=\"\(SVGPlot.f(line.bottom))\" x2=\"\(SVGPlot.f(line.x))\" y2=\"\(SVGPlot.f(line.top))\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>\n"
    }
}
