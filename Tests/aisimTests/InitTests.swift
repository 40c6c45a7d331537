import Foundation
import Testing

/// `aisim init`: a template every input is in, that `aisim check` accepts, written safely.
@Suite("aisim init")
struct InitTests {
    @Test(
        "the template names every input with its unit, and check accepts it, also with each optional line uncommented")
    func template() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let printed = try aisim(["init"], in: directory)
        #expect(printed.status == 0 && printed.stderr.isEmpty)
        let inputs = try aisim(["inputs"]).stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .prefix { !$0.isEmpty }
            .map { String($0.split(separator: " ")[0]) }
        #expect(inputs.count >= 18)
        for name in inputs {
            #expect(printed.stdout.contains("\n\(name) = ") || printed.stdout.contains("\n# \(name) = "))
        }
        let url = directory.appendingPathComponent("t.toml")
        let written = try aisim(["init", "t.toml"], in: directory)
        #expect(
            written.status == 0
                && written.stderr == "aisim: wrote a template prior to t.toml; next: aisim check t.toml\n")
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self) == printed.stdout)
        #expect(try aisim(["check", "t.toml"], in: directory).status == 0)
        let lines = printed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated()
        where line.wholeMatch(of: /# [a-z_]+ = .*/) != nil {
            var edited = lines
            edited[i] = line.dropFirst(2)
            if line.contains("serial_") {
                let serial = try #require(edited.firstIndex { $0.hasPrefix("serial_tokens_per_s = ") })
                edited[serial] = "serial_tokens_per_s = \"derived\""
            }
            try edited.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            let check = try aisim(["check", "t.toml"], in: directory)
            #expect(check.status == 0, "\(line): \(check.stderr)")
        }
    }

    @Test("an existing file is kept unless --force; --force without a file is a flag error")
    func overwrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("mine.toml")
        try "title = \"mine\"\n".write(to: url, atomically: true, encoding: .utf8)
        let refused = try aisim(["init", "mine.toml"], in: directory)
        #expect(refused.status == 1)
        #expect(refused.stderr == "aisim: error: mine.toml: cannot write: it exists; give --force to replace it\n")
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self) == "title = \"mine\"\n")
        #expect(try aisim(["init", "mine.toml", "--force"], in: directory).status == 0)
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self).hasPrefix("# An aisim prior"))
        expectUsageError(try aisim(["init", "--force"]), "--force replaces FILE; give one")
    }
}
