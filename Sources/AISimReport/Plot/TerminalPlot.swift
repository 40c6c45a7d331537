import AISimCore
import Foundation

/// A histogram (or the exceedance curve, ``PlotKind``) of one output for the terminal, 80
/// columns wide: bars of Unicode block elements (or `#` in plain ASCII) over a logarithmic axis
/// with unit-labelled ticks, and the 5th, 50th and 95th percentiles (or the thresholds) marked
/// under it. The exceedance curve's bars reach full height at P = 1.
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

    /// The plot, one line per row, every line at most 80 columns.
    public func render() -> String {
        let spec = output.spec
        let unit = spec.unit == spec.name ? "" : " (\(spec.unit))"
        let trials = "\(NumberFormat.grouped(histogram.total)) trials, log axis from p0.1 to p99.9"
        var lines = [
            kind == .histogram
                ? "\(spec.name)\(unit): \(trials)"
                : "P(\(spec.name) \(unicode ? "≥" : ">=") x)\(unit), full height 1: \(trials)"
        ]
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
            Self.indent + Self.labelRow(ticks.map { (column($0), notation.tick($0)) }, width: Self.width + 2) + "  "
                + spec.unit)
        let arrow = unicode ? "▲" : "^"
        lines.append(
            Self.indent
                + Self.labelRow(
                    markers.map { (column($0.value), "\(arrow) \($0.label) \(notation.format($0.value))") },
                    width: Self.width + 14, anchoredLeft: true))
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
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

    /// Labels placed at their columns, centred on them (or starting at them), each moved right
    /// as far as it must be not to overlap the one before, and dropped if it would not fit.
    static func labelRow(_ labels: [(column: Int, text: String)], width: Int, anchoredLeft: Bool = false) -> String {
        var row = ""
        for (column, text) in labels.sorted(by: { $0.column < $1.column }) {
            let start = max(row.count + (row.isEmpty ? 0 : 1), anchoredLeft ? column : column - text.count / 2)
            guard start + text.count <= width else { continue }
            row += String(repeating: " ", count: start - row.count) + text
        }
        return row
    }
}
