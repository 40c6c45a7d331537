import AISimCore
import AISimReport
import ArgumentParser

/// The flags that make a run one shard of a larger one: `--shard K/N` and `--out FILE`.
struct ShardArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run only the K-th of N contiguous slices of the trials, as 3/8, and write its sketches to --out.",
            discussion:
                "Each slice keeps the seeds a single run gives its chunks, so the N shards together are exactly the single run: 'aisim merge' of their files prints what 'aisim --summary sketch' would. See docs/scale.md.",
            valueName: "K/N"),
        transform: { text in
            guard let shard = Shard(parsing: text) else {
                throw ValidationError("\"\(text)\" is not K/N with 1 ≤ K ≤ N, as --shard 3/8")
            }
            return shard
        })
    var shard: Shard?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the run's (or the shard's) quantile sketches to this file, for 'aisim merge', instead of printing a table.",
            discussion:
                "The file holds the prior, seed, trials, accuracy and method, so merge can refuse shards that do not belong together. It is written atomically; rerunning a shard replaces it.",
            valueName: "file"))
    var out: String?

    func validate() throws {
        if shard != nil && out == nil {
            throw ValidationError(
                "--shard needs --out FILE: a shard writes its sketches for 'aisim merge' rather than a table")
        }
    }

    /// Throws unless a run of `trials` trials has a chunk for every shard.
    func checkChunks(trials: Int) throws {
        let plan = ChunkPlan(trials: trials)
        if let shard, shard.count > plan.count {
            throw ValidationError(
                "--shard \(shard): \(NumberFormat.grouped(trials)) trials make only \(plan.count) chunk\(plan.count == 1 ? "" : "s") of up to \(ChunkPlan.standardSize) trials, and each shard needs at least one; use at most \(plan.count) shards"
            )
        }
    }
}
