/// Merges shard files, one at a time, into the summary of their whole run and the prior they
/// ran. Only the running summary is held, so merging thousands of shards takes the memory of
/// one.
///
/// Every file must belong to the same run as the first: the same aisim version, prior
/// (SHA-256 and resolved inputs), seed, trials, accuracy and shard count (the method is random
/// in every file: ``ShardFile/decode(_:path:)`` refuses others). Together the files must hold
/// each shard index once; a file given twice, or two identical files for one index, count once,
/// so merging is idempotent. Counts add and moment nodes combine along a fixed tree, so the
/// order of the files changes nothing.
public struct ShardMerger {
    private var first: (path: String, file: ShardFile)?
    /// The file and payload digest seen for each shard index.
    private var seen: [Int: (path: String, digest: String)] = [:]
    private var summary: SketchSummary?
    /// The prior of the lowest-numbered shard: its `source`, the path the report prints, is
    /// then the same whatever the order of the files.
    private var prior: (index: Int, prior: Prior)?

    public init() {}

    /// Adds the shard file read from `path`.
    /// - Throws: ``ShardError`` naming `path` and the field in which it differs from the first
    ///   file, or the file that holds different contents for the same shard index.
    public mutating func add(_ file: ShardFile, path: String) throws(ShardError) {
        if let (firstPath, reference) = first, let field = reference.mismatch(file) {
            throw ShardError(
                file: path,
                message:
                    "\(field.name) is \(field.theirs), but \(firstPath) has \(field.ours); merge only shards of one run"
            )
        }
        if first == nil { first = (path, file) }
        let digest = try file.digest()
        if let (otherPath, otherDigest) = seen[file.shard.index] {
            guard otherDigest == digest else {
                throw ShardError(
                    file: path,
                    message:
                        "shard \(file.shard) again, with different contents from \(otherPath); rerun that shard and keep one file"
                )
            }
            return
        }
        seen[file.shard.index] = (path, digest)
        if summary == nil { summary = file.summary } else { summary!.merge(file.summary) }
        if prior.map({ file.shard.index < $0.index }) ?? true { prior = (file.shard.index, file.prior) }
    }

    /// The merged prior and summary.
    /// - Throws: ``ShardError`` when no file was added, listing the missing shard indices, or
    ///   when the merged sketches span more than a sketch holds.
    public func result() throws(ShardError) -> (prior: Prior, summary: SketchSummary) {
        guard let first = first?.file, let summary, let prior else {
            throw ShardError(file: nil, message: "no shard files given")
        }
        let missing = (1...first.shard.count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            let shown = missing.prefix(20).map(String.init).joined(separator: ", ")
            let list = missing.count <= 20 ? shown : shown + " and \(missing.count - 20) more"
            throw ShardError(
                file: nil,
                message: "\(missing.count) of \(first.shard.count) shards missing: \(list) (have \(seen.count))",
                remedy: .runShards(count: first.shard.count))
        }
        if let output = Output.allCases.first(where: { summary.sketches[$0.rawValue].isTooWide }) {
            let sketch = summary.sketches[output.rawValue]
            throw ShardError(
                file: nil, message: "merged, " + sketch.tooWide(output),
                remedy: .coarserSketch(fitting: sketch.fittingAccuracy))
        }
        return (prior.prior, summary)
    }
}

extension ShardFile {
    /// Merges `files` with a ``ShardMerger``.
    public static func merge(_ files: [(path: String, file: ShardFile)]) throws(ShardError) -> (
        prior: Prior, summary: SketchSummary
    ) {
        var merger = ShardMerger()
        for (path, file) in files { try merger.add(file, path: path) }
        return try merger.result()
    }

    /// Thresholds as a list, or "none".
    public static func listed(_ thresholds: [Threshold]) -> String {
        thresholds.isEmpty ? "none" : thresholds.map(\.description).joined(separator: ", ")
    }

    /// The first field in which `other` belongs to a different run from this file, with both
    /// values, or nil when they belong together.
    func mismatch(_ other: ShardFile) -> (name: String, ours: String, theirs: String)? {
        // Inputs compare by their resolved distributions, so --set ai_share=0.3 and 0.30 agree.
        let differing = zip(prior.entries, other.prior.entries).first { ours, theirs in
            ours.distribution != theirs.distribution || ours.isDerived != theirs.isDerived
        }
        let inputs = differing.map { ours, theirs in
            (name: "prior input \(ours.input.spec.name)", ours: ours.text, theirs: theirs.text)
        }
        let fields: [(String, String, String)] = [
            ("aisim version", aisimVersion, other.aisimVersion),
            ("prior sha256", prior.sha256, other.prior.sha256),
            inputs.map { ($0.name, $0.ours, $0.theirs) } ?? ("prior inputs", "", ""),
            ("seed", "\(summary.seed)", "\(other.summary.seed)"),
            ("trials", "\(summary.trials)", "\(other.summary.trials)"),
            ("accuracy", "\(summary.accuracy)", "\(other.summary.accuracy)"),
            ("shard count", "\(shard.count)", "\(other.shard.count)"),
            ("thresholds counted", Self.listed(summary.thresholds), Self.listed(other.summary.thresholds)),
        ]
        return fields.first { $0.1 != $0.2 }.map { (name: $0.0, ours: $0.1, theirs: $0.2) }
    }
}
