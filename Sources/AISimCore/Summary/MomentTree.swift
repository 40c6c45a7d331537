import Foundation

/// Combines per-chunk ``BlockMoments`` along a fixed binary tree over the chunk indices, so
/// that the total is bit for bit the same however the chunks were grouped: by one process,
/// or by shards that each cover a contiguous range of chunks.
///
/// Node (level ℓ, index j) covers chunks [j·2^ℓ, (j + 1)·2^ℓ) and is always its left child
/// merged with its right child (``BlockMoments/merge(_:)``; an empty child changes nothing).
/// A range of chunks is described by its dyadic cover, the O(log n) aligned nodes that tile
/// it; combining the covers of ranges that tile [0, n) bottom-up gives exactly the root the
/// whole range gives, pairwise summation's accuracy included.
enum MomentTree {
    /// A node of the tree with one ``BlockMoments`` per output.
    struct Node: Sendable, Equatable {
        let level: Int
        let index: Int
        let moments: [BlockMoments]
    }

    /// The nodes tiling `chunks` (a range of chunk indices), each computed from `leaf(c)`, the
    /// moments of chunk c.
    /// - Complexity: O(chunks) merges.
    static func cover(_ chunks: Range<Int>, leaf: (Int) -> [BlockMoments]) -> [Node] {
        tiling(chunks).map {
            Node(level: $0.level, index: $0.index, moments: subtree(level: $0.level, index: $0.index, leaf: leaf))
        }
    }

    /// The (level, index) of the nodes that tile `chunks`, left to right: from each start, the
    /// highest aligned node that fits.
    static func tiling(_ chunks: Range<Int>) -> [(level: Int, index: Int)] {
        var nodes: [(level: Int, index: Int)] = []
        var start = chunks.lowerBound
        while start < chunks.upperBound {
            var level = 0
            while start % (1 << (level + 1)) == 0 && start + (1 << (level + 1)) <= chunks.upperBound { level += 1 }
            nodes.append((level, start >> level))
            start += 1 << level
        }
        return nodes
    }

    /// The moments of node (level, index), from its leaves.
    private static func subtree(level: Int, index: Int, leaf: (Int) -> [BlockMoments]) -> [BlockMoments] {
        guard level > 0 else { return leaf(index) }
        var left = subtree(level: level - 1, index: 2 * index, leaf: leaf)
        let right = subtree(level: level - 1, index: 2 * index + 1, leaf: leaf)
        for output in left.indices { left[output].merge(right[output]) }
        return left
    }

    /// `nodes` with every pair of siblings merged into their parent, repeatedly, in order of
    /// position: the canonical tiling of the chunks they cover, which is what ``cover(_:leaf:)``
    /// gives for one range, so shards merged this way compare equal to a single run.
    static func coalesce(_ nodes: [Node]) -> [Node] {
        var pending = Dictionary(uniqueKeysWithValues: nodes.map { (Key($0.level, $0.index), $0.moments) })
        var merged = true
        while merged {
            merged = false
            for key in pending.keys.sorted(by: { ($0.level, $0.index) < ($1.level, $1.index) }) where key.index % 2 == 0
            {
                let sibling = Key(key.level, key.index + 1)
                guard var left = pending[key], let right = pending.removeValue(forKey: sibling) else { continue }
                pending[key] = nil
                for output in left.indices { left[output].merge(right[output]) }
                pending[Key(key.level + 1, key.index / 2)] = left
                merged = true
            }
        }
        return pending.map { Node(level: $0.key.level, index: $0.key.index, moments: $0.value) }
            .sorted { $0.index << $0.level < $1.index << $1.level }
    }

    /// The root of nodes that tile [0, chunkCount): siblings merge into their parent, lowest
    /// level first, a missing right sibling counting as empty, until one node remains.
    /// - Precondition: the nodes tile [0, chunkCount) exactly (``merge`` checks shards for this).
    static func root(_ nodes: [Node]) -> [BlockMoments] {
        precondition(!nodes.isEmpty)
        var pending = Dictionary(uniqueKeysWithValues: nodes.map { (Key($0.level, $0.index), $0.moments) })
        while pending.count > 1 {
            let lowest = pending.keys.min { ($0.level, $0.index) < ($1.level, $1.index) }!
            let left = Key(lowest.level, lowest.index & ~1)
            let right = Key(lowest.level, lowest.index | 1)
            var merged = pending.removeValue(forKey: left) ?? pending[right]!.map { _ in BlockMoments() }
            if let other = pending.removeValue(forKey: right) {
                for output in merged.indices { merged[output].merge(other[output]) }
            }
            pending[Key(lowest.level + 1, lowest.index >> 1)] = merged
        }
        return pending.values.first!
    }

    /// Builds the canonical tiling of a range of chunks from leaves that arrive in any order
    /// and from any thread (``ChunkTreeAccumulator``), so a sketch-mode run's memory does not
    /// grow with its trials.
    final class Accumulator: Sendable {
        private let tree: ChunkTreeAccumulator<[BlockMoments]>

        init(chunks: Range<Int>) {
            tree = ChunkTreeAccumulator(chunks: chunks) { left, right in
                for output in left.indices { left[output].merge(right[output]) }
            }
        }

        /// Adds the moments of chunk `chunk`, which must lie in the range and come once.
        func add(chunk: Int, _ moments: [BlockMoments]) {
            tree.add(chunk: chunk, moments)
        }

        /// The nodes, left to right: once every chunk has been added, the canonical tiling
        /// of the range, equal to ``MomentTree/cover(_:leaf:)``'s.
        var nodes: [Node] {
            tree.nodes.map { Node(level: $0.level, index: $0.index, moments: $0.value) }
        }
    }

    private struct Key: Hashable {
        let level: Int
        let index: Int
        init(_ level: Int, _ index: Int) {
            self.level = level
            self.index = index
        }
    }
}
