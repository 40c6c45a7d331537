/// Which of N contiguous slices of a run's chunks one process runs: `--shard K/N`.
///
/// Shard K (1-based) of N takes chunks ⌊(K − 1)·C/N⌋ ..< ⌊K·C/N⌋ of the run's C chunks
/// (``ChunkPlan``). Every chunk keeps the generator seeded from (seed, chunk index) that a
/// single run gives it, so the N shards together simulate exactly the single run's trials.
public struct Shard: Sendable, Hashable {
    /// K, from 1 to ``count``.
    public let index: Int
    /// N.
    public let count: Int

    /// The whole run as one shard.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Shard `index` of `count`, or nil unless 1 ≤ index ≤ count.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `K/N`, as `--shard` takes it.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    /// The chunks of `plan` this shard runs; empty when the run has fewer chunks than shards
    /// and this one gets none.
    public func chunks(of plan: ChunkPlan) -> Range<Int> {
        func boundary(_ k: Int) -> Int { count.dividingFullWidth(plan.count.multipliedFullWidth(by: k)).quotient }
        return boundary(index - 1)..<boundary(index)
    }
}

extension Shard: CustomStringConvertible {
    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
