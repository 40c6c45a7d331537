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
}
