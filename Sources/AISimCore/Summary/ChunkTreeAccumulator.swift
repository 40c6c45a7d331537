import Foundation

/// Combines one value per chunk along the fixed binary tree over chunk indices, holding only
/// the nodes still waiting for a sibling, so that the total is bit for bit the same whichever
/// thread finished which chunk, and memory does not grow with the chunks.
///
/// Node (level ℓ, index j) covers chunks [j·2^ℓ, (j + 1)·2^ℓ) and is always its left child
/// merged with its right child by `merge(&left, right)`. A node merges with its sibling into
/// their parent as soon as both are done, whenever the parent lies within ``chunks``; once
/// every chunk has been added, ``nodes`` is the canonical dyadic tiling of ``chunks``
/// (``MomentTree/tiling(_:)``). Chunks handed out in order keep O(threads · log chunks) nodes.
///
/// The nodes sit behind an `NSLock` (a pthread mutex) rather than Synchronization's `Mutex`,
/// whose futex-based lock ThreadSanitizer cannot see on Linux, so that the sanitizer runs in
/// CI check this code rather than report it.
/// - Complexity: ``add(chunk:_:)`` is O(log chunks) merges, amortised O(1).
final class ChunkTreeAccumulator<Value>: @unchecked Sendable {
    let chunks: Range<Int>
    private let merge: (inout Value, Value) -> Void
    private let lock = NSLock()
    private var nodesByKey: [Key: Value] = [:]

    init(chunks: Range<Int>, merge: @escaping (inout Value, Value) -> Void) {
        self.chunks = chunks
        self.merge = merge
    }

    /// Adds the value of chunk `chunk`, which must lie in ``chunks`` and come once.
    func add(chunk: Int, _ value: Value) {
        precondition(chunks.contains(chunk))
        let chunks = self.chunks
        lock.withLock {
            var key = Key(level: 0, index: chunk)
            var value = value
            while true {
                let parent = Key(level: key.level + 1, index: key.index >> 1)
                guard chunks.lowerBound <= parent.index << parent.level,
                    (parent.index + 1) << parent.level <= chunks.upperBound,
                    let sibling = nodesByKey.removeValue(forKey: Key(level: key.level, index: key.index ^ 1))
                else {
                    nodesByKey[key] = value
                    return
                }
                var left = key.index % 2 == 0 ? value : sibling
                merge(&left, key.index % 2 == 0 ? sibling : value)
                key = parent
                value = left
            }
        }
    }

    /// The nodes, left to right.
    var nodes: [(level: Int, index: Int, value: Value)] {
        lock.withLock {
            nodesByKey.map { ($0.key.level, $0.key.index, $0.value) }
                .sorted { $0.index << $0.level < $1.index << $1.level }
        }
    }

    /// The nodes merged left to right into one value (nil before any chunk was added).
    var total: Value? {
        nodes.map(\.value).reduce(nil) { total, value in
            guard var total else { return value }
            merge(&total, value)
            return total
        }
    }

    private struct Key: Hashable {
        let level: Int
        let index: Int
    }
}
