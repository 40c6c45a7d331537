import AISimCore
import Foundation

/// A piece of text in an SVG plot, with the box it covers under a monospace width model.
///
/// The plots are set in DejaVu Sans Mono (or Menlo, Consolas, any monospace font), whose
/// glyphs are all 0.602 em wide (Consolas's 0.55). The model takes 0.62 em for each
/// character, twice that for East Asian wide characters and emoji (which fall back to fonts
/// drawing them in two columns' width), and from 0.95 em above the baseline to 0.25 em below
/// it (DejaVu's ascender is 0.928 em, its descender 0.236 em), so that a box holds whatever
/// these fonts draw. Layout keeps boxes apart and on the canvas; tests check them.
struct SVGText: Sendable {
    enum Anchor: String, Sendable { case start, middle, end }

    /// A rectangle on the canvas.
    struct Box: Sendable, Equatable {
        let minX, minY, maxX, maxY: Double

        /// Whether the boxes share any area (touching edges do not).
        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    static let advance = 0.62, ascent = 0.95, descent = 0.25

    /// The text as shown (escaped when written).
    let text: String
    /// The anchor point: where `anchor` puts the text along its line, on the baseline.
    let x: Double
    let y: Double
    let size: Double
    let anchor: Anchor
    let fill: String
    /// Turned a quarter turn anticlockwise about the anchor point, to read upward.
    var upright = false
    /// Further attributes, such as `class="tick"`.
    var attributes = ""

    /// The width of `text` at font size `size` under the model.
    /// Complexity: O(n) for n characters.
    static func width(of text: String, size: Double) -> Double {
        text.reduce(0.0) { total, character in
            total + (character.unicodeScalars.first.map(isWide) == true ? 2 : 1) * advance * size
        }
    }

    /// Whether `scalar` is drawn two columns wide: East Asian wide and fullwidth forms, and
    /// emoji.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(scalar.value) }
    }

    /// The box the text covers.
    var box: Box {
        let length = Self.width(of: text, size: size)
        let before = anchor == .start ? 0 : anchor == .middle ? length / 2 : length
        // Along the line from `along - before` to `along - before + length`; across it from
        // the ascent above the baseline to the descent below.
        if upright {
            return Box(
                minX: x - Self.ascent * size, minY: y - length + before, maxX: x + Self.descent * size,
                maxY: y + before)
        }
        return Box(
            minX: x - before, minY: y - Self.ascent * size, maxX: x - before + length, maxY: y + Self.descent * size)
    }

    /// The `<text>` element.
    var element: String {
        let place =
            upright
            ? "transform=\"translate(\(SVGPlot.f(x)),\(SVGPlot.f(y))) rotate(-90)\""
            : "x=\"\(SVGPlot.f(x))\" y=\"\(SVGPlot.f(y))\""
        let extra = attributes.isEmpty ? "" : " " + attributes
        let anchoring = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        return
            "<text\(extra) \(place) font-size=\"\(NumberFormat.compact(size))\"\(anchoring) fill=\"\(fill)\">\(SVGPlot.escape(text))</text>\n"
    }

    /// `text` broken at spaces into lines no wider than `width` at `size`, a word too long
    /// for a line broken wherever it must be.
    /// Complexity: O(n²) for n characters, over lines of a few dozen.
    static func wrapped(_ text: String, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let joined = line.isEmpty ? String(word) : line + " " + word
            if Self.width(of: joined, size: size) <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if !line.isEmpty && Self.width(of: line + String(character), size: size) > width {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        return lines + [line]
    }
}
