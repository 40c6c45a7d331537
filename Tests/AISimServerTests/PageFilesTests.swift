import Foundation
import Testing

@testable import AISimServer

/// The page in the binary is the page in Sources/AISimServer/Page/, byte for byte (SwiftPM's
/// `.embedInCode` resources).
@Suite("Page files")
struct PageFilesTests {
    @Test("every embedded file is its source byte for byte, and nothing in Page/ is left out")
    func embedded() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AISimServer/Page")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(PageFiles.all.map(\.name).sorted() == names)
        for file in PageFiles.all {
            let source = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.text + "\n" == source || file.text == source, "\(file.name)")
        }
    }

    @Test("the page loads only from its own origin: no CDN, no inline script")
    func selfContained() {
        let html = PageFiles.all.first { $0.name == "index.html" }?.text ?? ""
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<script src=\"/app.js\" defer></script>"))
        #expect(!html.contains("<script>") && !html.contains("onclick="))
    }
}
