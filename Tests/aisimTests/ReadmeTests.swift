import Foundation
import Testing

/// The README's copies of what aisim prints about itself.
@Suite("README")
struct ReadmeTests {
    @Test("the README's input and equation tables are what aisim inputs --format markdown prints")
    func modelTables() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(
            readme.range(of: "<!-- `aisim inputs --format markdown` writes what follows; a test checks this copy -->\n")
        )
        let end = try #require(
            readme.range(of: "<!-- end of aisim inputs -->", range: start.upperBound..<readme.endIndex))
        let printed = try aisim(["inputs", "--format", "markdown"])
        #expect(printed.status == 0)
        #expect(String(readme[start.upperBound..<end.lowerBound]) == printed.stdout)
    }

    /// Words of a shell command line: split at spaces, with single quotes kept together.
    static func words(_ line: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for c in line {
            if c == "'" {
                quoted.toggle()
                started = true
            } else if c == " " && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(c)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    @Test(
        "every command of the quickstart and the lower bound's section prints what the README shows (… stands for lines left out)",
        arguments: ["Quickstart", "The post's lower bound, and time"])
    func quickstart(_ section: String) throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## \(section)\n"))
        let end = try #require(readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex))
        let blocks = readme[start.upperBound..<end.lowerBound].components(separatedBy: "```console\n").dropFirst()
            .map { $0.components(separatedBy: "\n```")[0] }
        #expect(blocks.count >= 2)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            let command = try #require(lines.first.map { $0.dropFirst(2) })
            let words = Self.words(command)
            #expect(words.first == "aisim")
            let result = try aisim(Array(words.dropFirst()), in: directory)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let printed = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Each run of lines between ellipses appears in order, its lines consecutive.
            var from = 0
            var segment: [String] = []
            for line in lines.dropFirst().map(String.init) + ["…"] {
                guard line == "…" else {
                    segment.append(line)
                    continue
                }
                if !segment.isEmpty {
                    let found = (from...max(from, printed.count - segment.count)).first { k in
                        k + segment.count <= printed.count && Array(printed[k..<(k + segment.count)]) == segment
                    }
                    #expect(found != nil, "\(command): not printed in order:\n\(segment.joined(separator: "\n"))")
                    from = (found ?? from) + segment.count
                }
                segment = []
            }
        }
    }
}
