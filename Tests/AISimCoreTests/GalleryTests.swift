import Foundation
import Testing

@testable import AISimCore

@Suite("Gallery")
struct GalleryTests {
    @Test("the built-in copies are the files of distributions/, byte for byte (rerun .ci/embed-gallery if not)")
    func copies() throws {
        let directory = repositoryRoot.appendingPathComponent("distributions")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }
            .sorted()
        #expect(Gallery.names == files.map { String($0.dropLast(5)) })
        for file in files {
            let text = String(decoding: try Data(contentsOf: directory.appendingPathComponent(file)), as: UTF8.self)
            #expect(Gallery.text(of: file) == text, "\(file)")
            #expect(try Gallery.load(file)?.source == "embedded:\(file)")
        }
        #expect(try Gallery.load("nonesuch") == nil)
    }

    @Test("a name loads the built-in prior; a file of that name, or a path, wins; neither lists the names")
    func resolution() throws {
        #expect(try Gallery.load(fileOrName: "long-horizon").source == "embedded:long-horizon.toml")
        let path = repositoryRoot.appendingPathComponent("distributions/long-horizon.toml").path
        #expect(try Gallery.load(fileOrName: path).source == path)
        let error = #expect(throws: PriorError.self) { try Gallery.load(fileOrName: "nonesuch") }
        #expect(error?.message.contains("it is not a built-in prior either (those are all-lognormal,") == true)
        let nested = #expect(throws: PriorError.self) { try Gallery.load(fileOrName: "no/long-horizon") }
        #expect(nested?.message.contains("built-in") == false)
    }
}
