import Foundation

/// The line on which each key of a TOML document is set, and the value's text as written, for
/// error messages and reports.
///
/// TOMLKit reports lines for syntax errors only, so aisim finds the line of a key by reading
/// the text: `[table]` and `[[table]]` headers open a section (and set their own keys, so that
/// `[inputs.horizon]` is found as the key `horizon` of `inputs`), and `key = value` lines set a
/// key in it. Keys may be bare, quoted with escapes (`"hor\u001Bizon"` is found as the key
/// TOMLKit reads), literal or dotted. This only has to be right for documents TOMLKit has
/// already accepted.
struct KeyLocations {
    private var lines: [String: [String: Int]] = [:]
    private var values: [String: [String: String]] = [:]

    init(_ text: String) {
        var section: [String] = []
        for (index, raw) in Self.lines(of: text).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }
                guard let (path, _) = Self.keyPath(inner) else { continue }
                for depth in path.indices {
                    record(path[depth], in: Array(path[..<depth]), line: index + 1, value: nil)
                }
                section = path
                continue
            }
            guard !line.hasPrefix("#"), let (path, rest) = Self.keyPath(line), rest.first == "=" else { continue }
            let value = rest.dropFirst().prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            let full = section + path
            for depth in section.count..<full.count {
                record(
                    full[depth], in: Array(full[..<depth]), line: index + 1,
                    value: depth == full.count - 1 ? value : nil)
            }
        }
    }

    /// Records the first line that sets `key` in the section `path`.
    private mutating func record(_ key: String, in path: [String], line: Int, value: String?) {
        let section = path.joined(separator: ".")
        guard lines[section, default: [:]][key] == nil else { return }
        lines[section, default: [:]][key] = line
        if let value { values[section, default: [:]][key] = value }
    }

    /// The dotted key at the start of `text` and what follows it (spaces skipped), or nil when
    /// `text` does not start with a key.
    static func keyPath(_ text: Substring) -> (path: [String], rest: Substring)? {
        var rest = text
        var path: [String] = []
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let (segment, after) = keySegment(rest) else { return nil }
            path.append(segment)
            rest = after.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "." else { return (path, rest) }
            rest = rest.dropFirst()
        }
    }

    /// One segment of a key: bare, "basic" (with TOML's escapes) or 'literal'.
    private static func keySegment(_ text: Substring) -> (String, Substring)? {
        guard let first = text.unicodeScalars.first else { return nil }
        if first == "'" {
            let body = text.dropFirst()
            guard let close = body.firstIndex(of: "'") else { return nil }
            return (String(body[..<close]), body[body.index(after: close)...])
        }
        if first == "\"" {
            var scalars = text.unicodeScalars.dropFirst()[...]
            var key = String.UnicodeScalarView()
            while let scalar = scalars.first {
                scalars = scalars.dropFirst()
                if scalar == "\"" { return (String(key), Substring(scalars)) }
                guard scalar == "\\" else {
                    key.append(scalar)
                    continue
                }
                guard let escape = scalars.first else { return nil }
                scalars = scalars.dropFirst()
                let simple: [Unicode.Scalar: Unicode.Scalar] = [
                    "b": "\u{8}", "t": "\t", "n": "\n", "f": "\u{C}", "r": "\r", "\"": "\"", "\\": "\\",
                ]
                if let replacement = simple[escape] {
                    key.append(replacement)
                } else if escape == "u" || escape == "U" {
                    let digits = escape == "u" ? 4 : 8
                    guard let value = UInt32(String(String.UnicodeScalarView(scalars.prefix(digits))), radix: 16),
                        let decoded = Unicode.Scalar(value)
                    else { return nil }
                    key.append(decoded)
                    scalars = scalars.dropFirst(digits)
                } else {
                    return nil
                }
            }
            return nil
        }
        let bare = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        return bare.isEmpty ? nil : (String(bare), text[bare.endIndex...])
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
