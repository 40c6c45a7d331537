import AISimCore

/// A JSON document whose objects keep their keys in the order they were built, so output reads
/// in the model's order. Foundation's encoders sort keys or scramble them.
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    case number(Double)
    case integer(Int)
    case unsigned(UInt64)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// The document as indented JSON text (two spaces per level).
    ///
    /// Numbers are written in the shortest form that reads back as the same `Double`;
    /// non-finite numbers, which JSON cannot hold, are written as `null`.
    public func serialized(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let end = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let x): return x.isFinite ? "\(x)" : "null"
        case .integer(let n): return "\(n)"
        case .unsigned(let n): return "\(n)"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.map { pad + Self.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(end)}"
        }
    }

    /// `s` as a JSON string literal, with quotes, backslashes and control characters escaped:
    /// C0 as JSON requires, and also DEL, C1, the bidirectional controls and U+2028/U+2029,
    /// which JSON allows raw but which would reach a terminal that shows the file.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x061C
                || (0x200E...0x200F).contains(scalar.value) || (0x2028...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
