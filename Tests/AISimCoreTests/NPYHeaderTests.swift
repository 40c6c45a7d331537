import Foundation
import Testing

@testable import AISimCore

@Suite("NPYHeader")
struct NPYHeaderTests {
    /// The header's version, declared length and dict text.
    func parse(_ bytes: [UInt8]) -> (version: UInt8, length: Int, dict: String) {
        let version = bytes[6]
        let width = version == 1 ? 2 : 4
        let length = (0..<width).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let dict = String(decoding: bytes[(8 + width)...], as: UTF8.self)
        return (version, length, dict)
    }

    @Test("a short header is version 1.0, 64-byte aligned, ending in a newline, with every field")
    func short() {
        let bytes = NPYHeader(fields: ["world_flops", "streams"], rows: 12345).bytes
        #expect(Array(bytes[0..<6]) == [0x93] + Array("NUMPY".utf8))
        #expect(bytes.count % 64 == 0)
        let (version, length, dict) = parse(bytes)
        #expect(version == 1 && bytes[7] == 0)
        #expect(10 + length == bytes.count)
        #expect(dict.hasSuffix("\n"))
        #expect(
            dict.trimmingCharacters(in: .whitespacesAndNewlines)
                == "{'descr': [('world_flops', '<f8'), ('streams', '<f8')], 'fortran_order': False, 'shape': (12345,), }"
        )
    }

    @Test("a header past 65,535 bytes is version 2.0 with a 4-byte length")
    func long() {
        let fields = (0..<3000).map { "field_with_a_long_name_\($0)" }
        let bytes = NPYHeader(fields: fields, rows: 1).bytes
        let (version, length, dict) = parse(bytes)
        #expect(version == 2)
        #expect(12 + length == bytes.count)
        #expect(bytes.count % 64 == 0)
        #expect(dict.contains("('field_with_a_long_name_2999', '<f8')"))
    }

    @Test("quotes and backslashes in a name are escaped as Python reads them")
    func quoting() {
        #expect(NPYHeader.quoted("it's") == "'it\\'s'")
        #expect(NPYHeader.quoted("a\\b") == "'a\\\\b'")
    }
}
