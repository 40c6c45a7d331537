import AISimCore
import Testing

@Suite("SampleFormat")
struct SampleFormatTests {
    @Test("the extension names the format, in any case, and nothing else does")
    func extensions() {
        #expect(SampleFormat(path: "run.npy") == .npy)
        #expect(SampleFormat(path: "out/RUN.CSV") == .csv)
        #expect(SampleFormat(path: "run.json") == nil)
        #expect(SampleFormat(path: "run") == nil)
        #expect(SampleFormat(path: "dir.npy/run") == nil)
    }

    @Test("the provenance replaces the extension with .json")
    func provenance() {
        #expect(SampleFormat.provenancePath(for: "out/run.npy") == "out/run.json")
        #expect(SampleFormat.provenancePath(for: "a.b/run.csv") == "a.b/run.json")
    }

    @Test(".npy bytes are the header and 8 per value; .csv's bound allows the longest value")
    func bytes() {
        let columns = ["a", "bb"]
        #expect(SampleFormat.npy.bytes(rows: 1000, columns: columns) == 128 + 1000 * 2 * 8)
        #expect(SampleFormat.csv.bytes(rows: 1000, columns: columns) == 5 + 1000 * 2 * 25)
        let longest = "-2.2250738585072014e-308"
        #expect(longest.count == 24 && Double(longest)!.description == longest)
        #expect(SampleFormat.csv.bytes(rows: .max / 2, columns: columns) == .max)
        #expect(SampleFormat.npy.bytes(rows: .max / 2, columns: columns) == .max)
    }
}
