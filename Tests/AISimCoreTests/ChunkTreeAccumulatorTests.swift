import Testing

@testable import AISimCore

@Suite("Chunk tree accumulator")
struct ChunkTreeAccumulatorTests {
    /// Chunk values whose floating-point sum depends on the order of the additions: large
    /// terms of both signs, and small ones that are partly lost beside them.
    static func leaf(_ chunk: Int) -> Double {
        (chunk % 7 == 0 ? 1e15 : 0.1) * Double(chunk % 5 + 1) * (chunk % 2 == 0 ? 1 : -1)
    }

    /// The sum along the tree, computed by recursion: node (level, index) is its left child
    /// plus its right child, where a child outside `chunks` counts as absent.
    static func treeSum(_ chunks: Range<Int>) -> Double {
        func node(_ level: Int, _ index: Int) -> Double {
            guard level > 0 else { return leaf(index) }
            return node(level - 1, 2 * index) + node(level - 1, 2 * index + 1)
        }
        return MomentTree.tiling(chunks).map { node($0.level, $0.index) }.reduce(0, +)
    }

    @Test(
        "chunks in any order, from several threads, give the tree's sum bit for bit",
        arguments: [1, 2, 13, 64, 100, 1000])
    func anyOrder(chunks: Int) async {
        for range in [0..<chunks, (chunks / 3)..<chunks] where !range.isEmpty {
            let expected = Self.treeSum(range)
            let tree = ChunkTreeAccumulator<Double>(chunks: range) { $0 += $1 }
            let order = Array(range).shuffled()
            await withTaskGroup(of: Void.self) { group in
                for start in stride(from: 0, to: order.count, by: 7) {
                    let slice = order[start..<min(start + 7, order.count)]
                    group.addTask { for chunk in slice { tree.add(chunk: chunk, Self.leaf(chunk)) } }
                }
            }
            #expect(tree.total?.bitPattern == expected.bitPattern, "\(range)")
            #expect(tree.nodes.map { [$0.level, $0.index] } == MomentTree.tiling(range).map { [$0.level, $0.index] })
        }
    }

    @Test("the order matters to the sum, so the test above can fail")
    func orderMatters() {
        let range = 0..<1000
        let sequential = range.map(Self.leaf).reduce(0, +)
        #expect(sequential.bitPattern != Self.treeSum(range).bitPattern)
    }

    @Test("chunks added in order leave at most one waiting node per level")
    func boundedMemory() {
        let chunks = 100_000
        let tree = ChunkTreeAccumulator<Double>(chunks: 0..<chunks) { $0 += $1 }
        var most = 0
        for chunk in 0..<chunks {
            tree.add(chunk: chunk, 1)
            if chunk % 997 == 0 { most = max(most, tree.nodes.count) }
        }
        #expect(most <= Int.bitWidth - chunks.leadingZeroBitCount)
        #expect(tree.total == Double(chunks))
    }

    @Test("an accumulator with no chunks added has no total")
    func empty() {
        #expect(ChunkTreeAccumulator<Double>(chunks: 0..<4) { $0 += $1 }.total == nil)
    }
}
