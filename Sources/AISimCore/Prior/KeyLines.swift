import Foundation

/// The line on which each key of a TOML document is set, and the value's text as written, for
/// error messages and reports.
///
/// TOMLKit reports lines for syntax errors only, so aisim finds the line of a key by reading
/// the text: `[table]` headers open a section and `key = value` lines (bare or quoted keys)
/// set a key in it. This only has to be right for documents TOMLKit has already accepted.
struct KeyLines {
    private var lines: [String: [String: Int]] = [:]
    private var values: [String: [String: String]] = [:]

    init(_ text: String) {
        var section = ""
        for (index, raw) in Self.lines(of: text).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }
                section = name.trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = line[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            if lines[section, default: [:]][key] == nil {
                lines[section, default: [:]][key] = index + 1
                let rest = line[line.index(after: equals)...]
                values[section, default: [:]][key] = rest.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// The lines of `text` as TOML counts them: ended by LF or CRLF. (Splitting the
    /// Characters on "\n" would not do: "\r\n" is one Character.)
    static func lines(of text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            String(String.UnicodeScalarView(scalars.last == "\r" ? scalars.dropLast() : scalars[...]))
        }
    }

    /// The 1-based line that sets `key` in `section` ("" for the top level), if found.
    func line(of key: String, in section: String = "") -> Int? { lines[section]?[key] }

    /// The text after `key =` on its line, up to a comment, trimmed. (Only trusted for bare
    /// numbers, which cannot hold a `#`.)
    func value(of key: String, in section: String = "") -> String? { values[section]?[key] }
}
