import Foundation
import Testing

@testable import AISimCore

/// Prior+TOML.swift's guards around TOMLKit: NUL characters, raw or escaped, which TOMLKit
/// would silently cut at or crash on; CRLF files, whose lines errors must still name; and
/// files that cannot be read, whose reason must be the true one.
@Suite("Prior files: text TOMLKit mishandles")
struct PriorTOMLTests {
    static func error(_ text: String) -> String? {
        do {
            _ = try Prior.parse(text, source: "n.toml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "a NUL, raw or escaped, anywhere in the file is refused naming its line",
        arguments: [
            ("[inputs]\n\"horizon\\u0000x\" = 5\n", "n.toml:2: "),
            ("[correlations]\n\"world_flops\\u0000, ai_share\" = 0.3\n", "n.toml:2: "),
            ("[inputs]\nhorizon = 2 # c\u{0}m\nai_share = 0.9\n", "n.toml:2: the line holds a NUL byte"),
            ("title = \"a\\u0000b\"\n", "n.toml:1: the line holds the escape for a NUL"),
            ("[inputs]\nhorizon = \"1 to 10\\u0000\"\n", "n.toml:2: the line holds the escape for a NUL"),
            ("[\"in\\U00000000puts\"]\nhorizon = 3\n", "n.toml:1: the line holds the escape for a NUL"),
            ("description = \"\"\"\nline\n\u{0}\n\"\"\"\n", "n.toml:3: the line holds a NUL byte"),
        ])
    func nul(_ text: String, _ expected: String) {
        let message = Self.error(text)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "parsed")")
        #expect(message?.contains("NUL") == true)
    }

    @Test("a CRLF file's errors name their lines as an LF file's do")
    func crlf() throws {
        let lf = "title = \"t\"\n[inputs]\nhorizon = \"1 to 1000\"\nbogus = 3\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.error(lf)?.hasPrefix("n.toml:4: bogus: unknown input") == true)
        #expect(Self.error(crlf) == Self.error(lf))
        let parsed = try Prior.parse("[inputs]\r\nai_share = 0.5\r\nhorizon = \"1 to 10\"\r\n", source: "c.toml")
        #expect(parsed[.horizon].line == 3 && parsed[.aiShare].line == 2)
        #expect(KeyLocations.lines(of: "a\r\nb\nc\r\n") == ["a", "b", "c", ""])
    }

    @Test(
        "an unreadable file gets its true reason",
        arguments: [
            ("missing.toml", "cannot read the file: no such file"),
            ("loop.toml", "cannot read the file: a loop of symbolic links"),
            ("dangling.toml", "cannot read the file: no such file (a symbolic link to a file that does not exist)"),
            ("folder", "cannot read the file: it is a directory"),
        ])
    func unreadable(_ name: String, _ expected: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aisim-prior-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("folder"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("loop.toml").path, withDestinationPath: "loop.toml")
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("dangling.toml").path, withDestinationPath: "gone.toml")
        let path = directory.appendingPathComponent(name).path
        #expect(throws: PriorError(file: path, message: expected)) { try Prior.load(path: path) }
    }
}
