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
