import Testing

@testable import AISimCore

/// The moment tree's promise: however a run's chunks are split into contiguous shards, the
/// root is bit for bit the same.
@Suite("Moment tree")
struct MomentTreeTests {
    /// Moments of a made-up chunk: 1000 lognormal values whose spread depends on the chunk.
    static func leaf(_ chunk: Int) -> [BlockMoments] {
        let values = draws(
            .lognormal(mu: Double(chunk % 7), sigma: 1 + Double(chunk % 3)), count: 1000, seed: UInt32(chunk + 1))
        return [values.withUnsafeBufferPointer { BlockMoments($0.baseAddress!, count: 1000) }]
    }

    @Test(
        "the tiling covers the range exactly, with aligned nodes", arguments: [0..<1, 0..<17, 3..<100, 64..<128, 5..<6])
    func tiling(range: Range<Int>) {
        var next = range.lowerBound
        for (level, index) in MomentTree.tiling(range) {
            #expect(index << level == next)
            next = (index + 1) << level
        }
        #expect(next == range.upperBound)
    }

    @Test("shards' covers combine to the whole run's root, bit for bit", arguments: [1, 2, 5, 17, 100])
    func shards(chunks: Int) {
        let whole = MomentTree.root(MomentTree.cover(0..<chunks, leaf: Self.leaf))
        for shards in 1...min(chunks, 9) {
            let nodes = (1...shards).flatMap { k in
                let shard = Shard(index: k, count: shards)!
                return MomentTree.cover(
                    shard.chunks(of: ChunkPlan(trials: chunks * ChunkPlan.standardSize)), leaf: Self.leaf)
            }
            #expect(MomentTree.root(nodes.reversed()) == whole, "\(shards) shards of \(chunks) chunks")
        }
        var sequential = BlockMoments()
        for chunk in 0..<chunks { sequential.merge(Self.leaf(chunk)[0]) }
        #expect(abs(whole[0].sum - sequential.sum) <= 1e-12 * sequential.sum)
        #expect(abs(whole[0].centered - sequential.centered) <= 1e-10 * sequential.centered)
    }

    @Test(
        "the accumulator, fed chunks in any order from several threads, builds the cover", arguments: [1, 13, 64, 100])
    func accumulator(chunks: Int) async {
        for range in [0..<chunks, (chunks / 3)..<chunks] where !range.isEmpty {
            let tree = MomentTree.Accumulator(chunks: range)
            let order = Array(range).shuffled()
            await withTaskGroup(of: Void.self) { group in
                for start in stride(from: 0, to: order.count, by: 7) {
                    let slice = order[start..<min(start + 7, order.count)]
                    group.addTask { for chunk in slice { tree.add(chunk: chunk, Self.leaf(chunk)) } }
                }
            }
            #expect(tree.nodes == MomentTree.cover(range, leaf: Self.leaf), "\(range)")
        }
    }
}
