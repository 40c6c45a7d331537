extension String {
    /// The string with every control character written as a visible escape, so that text from
    /// a prior file cannot move the cursor, recolour the terminal, reorder the text after it
    /// or make an SVG invalid XML.
    ///
    /// Escaped: Unicode's control characters (general category Cc: C0, DEL and C1), the
    /// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the
    /// noncharacters U+FFFE and U+FFFF, each as `\u` and four hex digits (`\u001B` for ESC).
    /// A tab is kept, and a line feed when `keepingLineFeeds`.
    /// - Complexity: O(n) in the string's scalars.
    public func escapingControlCharacters(keepingLineFeeds: Bool = false) -> String {
        guard unicodeScalars.contains(where: { $0.isEscapedControl }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if scalar.isEscapedControl && !(scalar == "\t" || (keepingLineFeeds && scalar == "\n")) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// Whether ``Swift/String/escapingControlCharacters(keepingLineFeeds:)`` escapes this
    /// scalar (before its exceptions for tab and line feed).
    fileprivate var isEscapedControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}

extension Prior {
    /// The title as text output shows it: control characters escaped.
    public var shownTitle: String { title.escapingControlCharacters() }

    /// The title as a report's header shows it: with the description after a dash, on one
    /// line, when the prior has one.
    public var heading: String { shownDescription.map { shownTitle + " — " + $0 } ?? shownTitle }

    /// The description on one line, control characters escaped; nil when there is none.
    public var shownDescription: String? {
        let words = (description ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.isEmpty ? nil : words.escapingControlCharacters()
    }

    /// The source as text output shows it: control characters escaped.
    public var shownSource: String { source.escapingControlCharacters() }
}
