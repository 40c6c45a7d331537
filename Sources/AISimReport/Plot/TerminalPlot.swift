import AISimCore
import Foundation

/// A histogram (or the exceedance curve, ``PlotKind``) of one output for the terminal, 80
/// columns wide: bars of Unicode block elements (or `#` in plain ASCII) over a logarithmic axis
/// with unit-labelled ticks, and the 5th, 50th and 95th percentiles (or the thresholds) marked
/// under it, each in its own column (``markerRows()``). The exceedance curve's bars reach full
/// height at P = 1. An output with one value in every trial is one line saying so.
///
///     parallel_tokens_per_s (token-eq/s): 1,000,000 trials, log axis from p0.1 to p99.9
///         ▁▂▃▅▆▇██▇▆▅▄▃▂▁
///     ────┬──────────┬──────────┬────
///        1e8        1e9        1e10  token-eq/s
///        ▲ p5       ▲ p50        ▲ p95
public struct TerminalPlot: Sendable {
    /// Columns of bars: with the indent, the tick labels' overhang and the unit after them, a
    /// line stays within 80 columns.
    public static let width = 64
    /// Rows of bars.
    public static let height = 8
    static let indent = "  "
    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public let output: Output
    public let histogram: LogHistogram
    /// The marked percentiles: label and value.
    public let markers: [(label: String, value: Double)]
    public let notation: Notation
    /// Unicode blocks and box drawing, or plain ASCII.
    public let unicode: Bool
    public let kind: PlotKind

    public init(
        output: Output, sketch: QuantileSketch, markers: [(label: String, value: Double)],
        notation: Notation = .default, unicode: Bool, kind: PlotKind = .histogram
    ) {
        self.output = output
        self.kind = kind
        histogram = LogHistogram(sketch, bins: Self.width)
        self.markers = markers
        self.notation = notation
        self.unicode = unicode
    }

    /// The column `x` falls in.
    func column(_ x: Double) -> Int {
        min(Self.width - 1, max(0, Int((histogram.position(x) * Double(Self.width)).rounded(.down))))
    }

    /// The plot, one line per row, every line at most 80 columns: for an output with one
    /// value in every trial, a line saying so.
    public func render() -> String {
        let spec = output.spec
        let unit = spec.unit == spec.name ? "" : " (\(spec.unit))"
        let name = kind == .histogram ? "\(spec.name)\(unit)" : "P(\(spec.name) \(unicode ? "≥" : ">=") x)\(unit)"
        if let value = histogram.onlyValue {
            return "\(name): \(NumberFormat.grouped(histogram.total)) trials, one value: \(notation.format(value))\n"
        }
        let trials = "\(NumberFormat.grouped(histogram.total)) trials, log axis from p0.1 to p99.9"
        var lines = [kind == .histogram ? "\(name): \(trials)" : "\(name), full height 1: \(trials)"]
        let heights = barHeights()
        for row in (0..<Self.height).reversed() {
            let cells = heights.map { height -> Character in
                let filled = min(8, max(0, height - row * 8))
                return unicode ? Self.eighths[filled] : (filled >= 4 ? "#" : " ")
            }
            lines.append(Self.indent + String(cells))
        }
        let ticks = histogram.ticks
        var axis = [Character](repeating: unicode ? "─" : "-", count: Self.width)
        for tick in ticks { axis[column(tick)] = unicode ? "┬" : "+" }
        lines.append(Self.indent + String(axis))
        lines.append(
            Self.indent + Self.tickRow(ticks.map { (column($0), notation.tick($0)) }, width: Self.width + 2) + "  "
                + spec.unit)
        lines += markerRows().map { Self.indent + $0 }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// Columns the markers' rows may use: with the indent, 80.
    static let markerColumns = width + 14
    /// Markers' labels start at (or end at) their marker's column, one apart.
    static let markerLayout = LabelLayout(
        bounds: 0...Double(markerColumns), inset: -0.5, leaderHalfWidth: 0.5, gap: 1)

    /// The rows under the tick labels that mark the markers: each label begins (or ends,
    /// facing left near the right edge) with `▲` in its marker's own column in the row
    /// nearest the axis; one stacked further down begins (or ends) with `└` (`┘`) there,
    /// with `▲` and `│` above it. Markers in one column share a label. Labels are laid out
    /// by ``LabelLayout``, so none overlaps another or a leader, and none is dropped.
    func markerRows() -> [String] {
        let labels = MarkerLabel.merged(
            markers.map { (name: $0.label, value: notation.format($0.value), anchor: Double(column($0.value)) + 0.5) },
            within: 0.5)
        let placements = Self.markerLayout.place(labels.map { (anchor: $0.anchor, width: Double($0.text.count + 2)) })
        let rows = (placements.map(\.row).max() ?? -1) + 1
        var grid = [[Character]](
            repeating: [Character](repeating: " ", count: Self.markerColumns), count: rows)
        for (label, placement) in zip(labels, placements) {
            let column = Int(label.anchor)
            let corner: Character = unicode ? (placement.facesLeft ? "┘" : "└") : "+"
            let mark: Character = placement.row == 0 ? (unicode ? "▲" : "^") : corner
            let text = placement.facesLeft ? label.text + " " + String(mark) : String(mark) + " " + label.text
            grid[placement.row].replaceSubrange(
                Int(placement.start)..<Int(placement.end), with: Array(text))
            for row in 0..<placement.row {
                grid[row][column] = row == 0 ? (unicode ? "▲" : "^") : (unicode ? "│" : "|")
            }
        }
        return grid.map { String($0) }
    }

    /// Each column's bar in eighths of a row: the density over its peak, or P(X ≥ x) at the
    /// column's middle.
    func barHeights() -> [Int] {
        let full = Double(Self.height * 8)
        switch kind {
        case .histogram:
            let peak = (0..<Self.width).map(histogram.density).max() ?? 0
            return (0..<Self.width).map { peak > 0 ? Int((histogram.density($0) / peak * full).rounded()) : 0 }
        case .exceedance:
            return (0..<Self.width).map { Int((histogram.exceedance(atMiddleOf: $0) * full).rounded()) }
        }
    }

    /// Tick labels centred on their columns, moved only as far as keeps them within `width`,
    /// and each left out if it would not be a column clear of the one before (its tick
    /// stays): a label is never drawn away from its tick.
    static func tickRow(_ labels: [(column: Int, text: String)], width: Int) -> String {
        var row = ""
        for (column, text) in labels.sorted(by: { $0.column < $1.column }) {
            let start = min(max(0, column - text.count / 2), width - text.count)
            guard start >= row.count + (row.isEmpty ? 0 : 1) else { continue }
            row += String(repeating: " ", count: start - row.count) + text
        }
        return row
    }
}
