/// The header of a NumPy `.npy` file holding a one-dimensional structured array with one
/// little-endian float64 field per column.
///
/// The layout (NumPy's `numpy.lib.format`): the magic string `\x93NUMPY`, a major and minor
/// version byte, the header's length (a little-endian `UInt16` in version 1.0, `UInt32` in
/// 2.0), then a Python dict literal giving `descr`, `fortran_order` and `shape`, padded with
/// spaces and ended by a newline so the data starts on a multiple of 64 bytes. Version 1.0 is
/// used when the dict fits its 65,535-byte limit, 2.0 otherwise.
/// - Complexity: O(total length of the field names).
public struct NPYHeader: Sendable {
    /// The header's bytes, magic string through newline; the rows follow.
    public let bytes: [UInt8]

    /// Data starts at a multiple of this.
    static let alignment = 64

    public init(fields: [String], rows: Int) {
        let descr = fields.map { "(\(Self.quoted($0)), '<f8')" }.joined(separator: ", ")
        let dict = "{'descr': [\(descr)], 'fortran_order': False, 'shape': (\(rows),), }"
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        var version: UInt8 = 1
        var lengthBytes = 2
        // magic + version + length field + dict + at least the newline.
        if magic.count + 2 + lengthBytes + dict.utf8.count + 1 > Int(UInt16.max) {
            version = 2
            lengthBytes = 4
        }
        let unpadded = magic.count + 2 + lengthBytes + dict.utf8.count + 1
        let padding = (Self.alignment - unpadded % Self.alignment) % Self.alignment
        let headerLength = dict.utf8.count + padding + 1
        var bytes = magic + [version, 0]
        for k in 0..<lengthBytes { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * k))) }
        bytes += Array(dict.utf8) + [UInt8](repeating: 0x20, count: padding) + [0x0A]
        self.bytes = bytes
    }

    /// `name` as a Python string literal in single quotes.
    static func quoted(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
