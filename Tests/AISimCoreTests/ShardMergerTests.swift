import Testing

@testable import AISimCore

/// ShardMerger.swift: shards of one run merge into the single run's summary; files from other
/// runs, missing indices and conflicting files are refused by name and field.
@Suite("Shard merging")
struct ShardMergerTests {
    @Test(
        "merge refuses a file from another run, naming the file and the field",
        arguments: [
            "seed", "trials", "accuracy", "prior sha256", "prior input horizon", "aisim version", "shard count",
        ])
    func mismatch(field: String) throws {
        let first = try ShardFileTests.file()
        let other: ShardFile
        switch field {
        case "seed": other = try ShardFileTests.file(seed: 6, shard: Shard(index: 2, count: 2)!)
        case "trials": other = try ShardFileTests.file(trials: 200_001, shard: Shard(index: 2, count: 2)!)
        case "accuracy": other = try ShardFileTests.file(accuracy: 0.01, shard: Shard(index: 2, count: 2)!)
        case "prior sha256":
            other = try ShardFileTests.file(prior: prior(EmbeddedPrior.text + "\n"), shard: Shard(index: 2, count: 2)!)
        case "prior input horizon":
            other = try ShardFileTests.file(
                prior: EmbeddedPrior.load().setting(["horizon=100"]), shard: Shard(index: 2, count: 2)!)
        case "aisim version": other = try ShardFileTests.file(shard: Shard(index: 2, count: 2)!, version: "0.0.9")
        case "shard count": other = try ShardFileTests.file(shard: Shard(index: 2, count: 3)!)
        default: preconditionFailure()
        }
        #expect {
            _ = try ShardFile.merge([("a.shard", first), ("b.shard", other)])
        } throws: { error in
            "\(error)".hasPrefix("b.shard: \(field) is ") && "\(error)".contains("a.shard has")
        }
    }

    @Test("merge compares inputs by value: --set ai_share=0.3 and --set ai_share=0.30 are one run")
    func resolvedValues() throws {
        let first = try ShardFileTests.file(prior: EmbeddedPrior.load().setting(["ai_share=0.3"]))
        let second = try ShardFileTests.file(
            prior: EmbeddedPrior.load().setting(["ai_share=0.30"]), shard: Shard(index: 2, count: 2)!)
        let merged = try ShardFile.merge([("a.shard", first), ("b.shard", second)])
        #expect(merged.summary.trials == 200_000)
        let other = try ShardFileTests.file(
            prior: EmbeddedPrior.load().setting(["ai_share=0.31"]), shard: Shard(index: 2, count: 2)!)
        #expect {
            _ = try ShardFile.merge([("a.shard", first), ("b.shard", other)])
        } throws: {
            "\($0)" == "b.shard: prior input ai_share is 0.31, but a.shard has 0.3; merge only shards of one run"
        }
    }

    @Test("merge lists missing shards, accepts a repeated file once, and refuses two different files for one index")
    func coverage() throws {
        let one = try ShardFileTests.file(shard: Shard(index: 1, count: 3)!)
        let three = try ShardFileTests.file(shard: Shard(index: 3, count: 3)!)
        #expect {
            _ = try ShardFile.merge([("c.shard", three), ("a.shard", one)])
        } throws: { "\($0)" == "1 of 3 shards missing: 2 (have 2); run them and merge again" }
        let two = try ShardFileTests.file(shard: Shard(index: 2, count: 3)!)
        let merged = try ShardFile.merge([("a", one), ("b", two), ("c", three), ("a again", one)])
        let single = try ShardFileTests.file(shard: .whole)
        #expect(merged.summary == single.summary)
        // A file that claims index 2 but holds other data, as a stale file from an edited run could.
        let impostor = ShardFile(prior: two.prior, shard: two.shard, summary: three.summary)
        #expect {
            _ = try ShardFile.merge([("a", one), ("b", two), ("c", three), ("b2", impostor)])
        } throws: {
            "\($0)" == "b2: shard 2/3 again, with different contents from b; rerun that shard and keep one file"
        }
    }
}
