import Foundation
import Testing

@testable import AISimCore

/// ShardFile.swift: what is written reads back exactly, and damage or nonsense under a valid
/// checksum is caught with the file named.
@Suite("Shard files")
struct ShardFileTests {
    static func file(
        prior: Prior? = nil, trials: Int = 200_000, seed: UInt64 = 5, accuracy: Double = 0.001,
        shard: Shard = Shard(index: 1, count: 2)!, version: String = AISimVersion.current
    ) throws -> ShardFile {
        let prior = try prior ?? EmbeddedPrior.load()
        let options = SimulationOptions(trials: trials, seed: seed, threads: 2, summary: .sketch(accuracy: accuracy))
        let summary = try Simulation.sketch(
            prior, options: options, chunks: shard.chunks(of: ChunkPlan(trials: trials)))
        return ShardFile(prior: prior, shard: shard, summary: summary, aisimVersion: version)
    }

    /// `text` with its payload changed by `edit` and the header's checksum recomputed, as a
    /// careless hand edit or a different writer would leave it.
    static func reheadered(_ text: String, _ edit: (String) -> String) -> String {
        let newline = text.firstIndex(of: "\n")!
        let payload = edit(String(text[text.index(after: newline)...]))
        return "aisim-shard \(ShardFile.formatVersion) sha256:\(ShardFile.digest(payload))\n" + payload
    }

    /// `text` with the hexadecimal double after the first `key` (after `marker`, when given)
    /// replaced by `value`'s.
    static func replacingFirst(_ key: String, in text: String, value: Double, after marker: String? = nil) -> String {
        let start = marker.flatMap { text.range(of: $0)?.upperBound } ?? text.startIndex
        guard let found = text.range(of: key, range: start..<text.endIndex) else { return text }
        let end = text[found.upperBound...].firstIndex(of: "\"")!
        return text.replacingCharacters(in: found.upperBound..<end, with: String(value.bitPattern, radix: 16))
    }

    @Test("a shard file reads back as what was written, and writes the same bytes again")
    func roundTrip() throws {
        let prior = try EmbeddedPrior.load().setting(["horizon=10 to 1000", "ai_share=0.3"])
        let file = try Self.file(prior: prior, shard: Shard(index: 2, count: 3)!)
        let text = try file.encoded()
        let read = try ShardFile.decode(text, path: "x.shard")
        #expect(read.summary == file.summary && read.shard == file.shard && read.aisimVersion == file.aisimVersion)
        #expect(
            read.prior.sha256 == prior.sha256 && read.prior.entries == prior.entries
                && read.prior.source == prior.source)
        #expect(try read.encoded() == text)
    }

    @Test(
        "damage is caught with the file named",
        arguments: [
            ("truncated", "corrupt or truncated"), ("flipped", "corrupt or truncated"),
            ("header", "not an aisim shard file"),
            ("version", "shard format version 99"), ("empty", "not an aisim shard file"), ("counts", "sketch of"),
            ("method", "method lhs"),
            ("letters", "sketch of"), ("gap", "sketch of"),
            ("nan sum", "not valid numbers"), ("infinite sum", "not valid numbers"),
            ("negative squares", "not valid numbers"),
            ("nan extreme", "not valid numbers"), ("exponent", "not valid numbers"),
            ("mean outside", "mean outside the values' range"),
            ("nan sketch extreme", "sketch of"),
            ("model", "whose model differs: this aisim's model has inputs the shard's lacks (horizon)"),
        ])
    func damage(kind: String, expected: String) throws {
        let text = try Self.file().encoded()
        let damaged: String
        switch kind {
        case "truncated": damaged = String(text.prefix(text.count * 2 / 3))
        case "flipped": damaged = text.replacingOccurrences(of: "\"seed\":5", with: "\"seed\":6")
        case "header": damaged = "#" + text
        case "version":
            damaged = text.replacingOccurrences(of: "aisim-shard \(ShardFile.formatVersion) ", with: "aisim-shard 99 ")
        case "empty": damaged = ""
        case "counts":
            damaged = Self.reheadered(text) { $0.replacingOccurrences(of: "\"counts\":\"", with: "\"counts\":\"7,") }
        case "letters":
            damaged = Self.reheadered(text) { $0.replacingOccurrences(of: "\"counts\":\"", with: "\"counts\":\"x,") }
        case "gap":
            damaged = Self.reheadered(text) { $0.replacingOccurrences(of: "\"counts\":\"", with: "\"counts\":\",") }
        case "method":
            damaged = Self.reheadered(text) {
                $0.replacingOccurrences(of: "\"method\":\"random\"", with: "\"method\":\"lhs\"")
            }
        // Numbers that parse but mean nothing, under a valid checksum: each must be refused.
        case "nan sum": damaged = Self.reheadered(text) { Self.replacingFirst("\"sum\":\"", in: $0, value: Double.nan) }
        case "infinite sum":
            damaged = Self.reheadered(text) { Self.replacingFirst("\"sum\":\"", in: $0, value: .infinity) }
        case "negative squares":
            damaged = Self.reheadered(text) { Self.replacingFirst("\"centered\":\"", in: $0, value: -1) }
        case "nan extreme":
            damaged = Self.reheadered(text) {
                Self.replacingFirst("\"maximum\":\"", in: $0, value: .nan, after: "\"moments\"")
            }
        case "exponent":
            damaged = Self.reheadered(text) { $0.replacingOccurrences(of: "\"exponent\":0", with: "\"exponent\":3") }
        case "mean outside": damaged = Self.reheadered(text) { Self.replacingFirst("\"sum\":\"", in: $0, value: 1e300) }
        case "nan sketch extreme":
            damaged = Self.reheadered(text) {
                Self.replacingFirst("\"minimum\":\"", in: $0, value: .nan, after: "\"sketches\"")
            }
        case "model":
            damaged = Self.reheadered(text) { $0.replacingOccurrences(of: "\"horizon\",", with: "\"horizons\",") }
        default: preconditionFailure()
        }
        #expect(damaged != text)
        #expect {
            _ = try ShardFile.decode(damaged, path: "part-1.shard")
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("part-1.shard: ") && description.contains(expected)
                && !description.contains("\n")
        }
    }
}
