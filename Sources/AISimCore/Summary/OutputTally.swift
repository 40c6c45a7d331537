import Algorithms

/// What one worker has seen of one output under a ``KeptWindows``: how many values fell in each
/// segment, the values of kept buckets with their count per bucket, and how often each atom
/// occurred.
///
/// Tallies of different workers merge by addition, and by collecting their kept values side
/// by side without copying them, so the result does not depend on which worker saw which
/// chunk.
struct OutputTally {
    /// Values counted in each segment.
    private(set) var segmentCounts: [Int]
    /// Kept values in parts, one per tally merged in (this tally's own first), each in the
    /// order its tally saw them.
    private var keptValues: [[Double]] = [[]]
    /// Kept values (atoms aside) in each bucket.
    private var keptBucketCounts: [Int]
    private(set) var atomCounts: [Int]

    init(plan: KeptWindows) {
        segmentCounts = [Int](repeating: 0, count: plan.segmentCount)
        keptBucketCounts = [Int](repeating: 0, count: plan.map.count)
        atomCounts = [Int](repeating: 0, count: plan.atoms.count)
    }

    /// How many values the tally holds.
    var keptCount: Int { keptValues.reduce(0) { $0 + $1.count } }

    /// Makes room for `count` more kept values in this tally's own part, so that a worker
    /// that expects them does not copy its part as it grows.
    mutating func reserve(kept count: Int) {
        keptValues[0].reserveCapacity(keptValues[0].count + count)
    }

    /// Counts `count` values and keeps those the plan keeps.
    ///
    /// Two passes over the block: the first finds each value's segment and counts it, with no
    /// data-dependent branches, and notes the kept ones; the second counts the kept values (a
    /// few percent) by bucket and copies them out in one append.
    /// - Complexity: O(count), plus O(atoms) per kept value when the plan has atoms.
    mutating func add(_ values: UnsafePointer<Double>, count: Int, plan: KeptWindows) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { kept in
            let keptCount = plan.segmentOfBucket.withUnsafeBufferPointer { table in
                segmentCounts.withUnsafeMutableBufferPointer { counts in
                    Self.classify(
                        values, count: count, map: plan.map, table: table.baseAddress!,
                        counts: counts.baseAddress!, kept: kept.baseAddress!)
                }
            }
            guard keptCount > 0 else { return }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: keptCount) { blockValues in
                var n = 0
                for k in 0..<keptCount {
                    let v = values[Int(kept[k])]
                    if !plan.atoms.isEmpty, let atom = plan.atoms.firstIndex(of: v) {
                        atomCounts[atom] &+= 1
                        continue
                    }
                    blockValues[n] = v
                    keptBucketCounts[plan.map.bucket(v)] &+= 1
                    n += 1
                }
                keptValues[0].append(contentsOf: UnsafeBufferPointer(rebasing: blockValues[..<n]))
            }
        }
    }

    /// The branch-free first pass of ``add(_:count:plan:)``: counts each value in its segment,
    /// writes the indices of kept values to `kept`, and returns how many there are.
    ///
    /// It runs as two loops over the block, so that the first vectorizes: bucket indices,
    /// then (scalar) the table lookups and counts.
    @inline(never)
    private static func classify(
        _ values: UnsafePointer<Double>, count: Int, map: BucketMap,
        table: UnsafePointer<UInt16>, counts: UnsafeMutablePointer<Int>,
        kept: UnsafeMutablePointer<Int32>
    ) -> Int {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { buckets in
            let buckets = buckets.baseAddress!
            for i in 0..<count { buckets[i] = UInt32(truncatingIfNeeded: map.bucket(values[i])) }
            var keptCount = 0
            for i in 0..<count {
                let segment = Int(table[Int(buckets[i])])
                counts[segment] &+= 1
                kept[keptCount] = Int32(truncatingIfNeeded: i)
                keptCount &+= segment & 1
            }
            return keptCount
        }
    }

    /// How many of the values this tally counted are at most `x`, when the plan keeps `x`'s
    /// bucket (nil when it falls in a gap, whose values were only counted).
    /// - Complexity: O(kept values).
    func count(atMost x: Double, plan: KeptWindows) -> Int? {
        let segment = Int(plan.segmentOfBucket[plan.map.bucket(x)])
        guard segment % 2 == 1 else { return nil }
        let run = plan.segmentBuckets[segment]
        var count = segmentCounts[..<segment].reduce(0, +)
        for part in keptValues {
            for v in part where v <= x && run.contains(plan.map.bucket(v)) { count += 1 }
        }
        for (atom, n) in zip(plan.atoms, atomCounts) where atom <= x && run.contains(plan.map.bucket(atom)) {
            count += n
        }
        return count
    }

    /// Adds `other`'s counts and values to this tally; its values join as parts, uncopied.
    mutating func merge(_ other: OutputTally) {
        for s in segmentCounts.indices { segmentCounts[s] += other.segmentCounts[s] }
        for b in keptBucketCounts.indices { keptBucketCounts[b] += other.keptBucketCounts[b] }
        for a in atomCounts.indices { atomCounts[a] += other.atomCounts[a] }
        keptValues.append(contentsOf: other.keptValues.filter { !$0.isEmpty })
    }

    /// For each segment, how many values lie in the segments before it; one more entry at the
    /// end holds the total.
    var below: [Int] {
        var below = [0]
        for count in segmentCounts { below.append(below.last! + count) }
        return below
    }

    /// Where the order statistics at some ranks lie in a tally: the kept bucket and the rank
    /// inside it of each rank that a kept run holds, and, by gap, the ranks that fell in gaps.
    /// Finding the values then takes one pass over the kept values, which ``gather(_:part:map:)``
    /// splits by part so that threads can share it, and a selection in each wanted bucket
    /// (``values(_:gathered:plan:)``).
    struct Lookup {
        /// The ranks a kept run holds, and where each lies: (bucket, rank inside the bucket).
        var asked: [Int] = []
        var located: [(bucket: Int, rank: Int)] = []
        /// The buckets that hold a located rank, ascending.
        var buckets: [Int] = []
        /// For each bucket of the plan's map, its index in `buckets`, or -1.
        var slotOfBucket: [Int32] = []
        /// By gap, the ranks that fell in it.
        var missing: [Int: [Int]] = [:]
    }

    /// How many parts the kept values are in (see ``gather(_:part:map:)``).
    var partCount: Int { keptValues.count }

    /// Locates `ranks` (0-based, among all values counted): to a bucket where the plan kept
    /// them, to a gap where it did not.
    /// - Complexity: O(ranks × (log segments + buckets in the run searched)).
    func lookup(ranks: [Int], plan: KeptWindows) -> Lookup {
        let below = self.below
        var requests: [(run: Int, rank: Int)] = []
        var asked: [Int] = []
        var missing: [Int: [Int]] = [:]
        for rank in Set(ranks) {
            // The segment s with below[s] <= rank < below[s + 1].
            let segment = below.partitioningIndex { $0 > rank } - 1
            if segment % 2 == 0 {
                missing[segment / 2, default: []].append(rank)
            } else {
                requests.append((segment / 2, rank - below[segment]))
                asked.append(rank)
            }
        }
        return lookup(requests, asking: asked, missing: missing, plan: plan)
    }

    /// The lookup of `requests` (a rank inside a kept run, 0-based within the run), which
    /// stand for the ranks `asked`, with `missing` as the ranks that fell in gaps.
    private func lookup(
        _ requests: [(run: Int, rank: Int)], asking asked: [Int], missing: [Int: [Int]], plan: KeptWindows
    ) -> Lookup {
        var lookup = Lookup(asked: asked, missing: missing)
        lookup.located = locate(requests, plan: plan)
        lookup.buckets = Array(Set(lookup.located.map(\.bucket))).sorted()
        lookup.slotOfBucket = [Int32](repeating: -1, count: plan.map.count)
        for (slot, bucket) in lookup.buckets.enumerated() { lookup.slotOfBucket[bucket] = Int32(slot) }
        return lookup
    }

    /// The kept values of part `part` (0 ..< ``partCount``) in the buckets `lookup` wants,
    /// one array per bucket in the order of `lookup.buckets`.
    /// - Complexity: O(values in the part).
    func gather(_ lookup: Lookup, part: Int, map: BucketMap) -> [[Double]] {
        var gathered = [[Double]](repeating: [], count: lookup.buckets.count)
        keptValues[part].withUnsafeBufferPointer { values in
            lookup.slotOfBucket.withUnsafeBufferPointer { slotOf in
                for v in values {
                    let slot = Int(slotOf[map.bucket(v)])
                    if slot >= 0 { gathered[slot].append(v) }
                }
            }
        }
        return gathered
    }

    /// The values at `lookup`'s located ranks, by rank, from `gathered`: what
    /// ``gather(_:part:map:)`` found in every part.
    func values(_ lookup: Lookup, gathered: [[[Double]]], plan: KeptWindows) -> [Int: Double] {
        var pooled = [[Double]](repeating: [], count: lookup.buckets.count)
        for part in gathered {
            for slot in pooled.indices { pooled[slot].append(contentsOf: part[slot]) }
        }
        return Dictionary(uniqueKeysWithValues: zip(lookup.asked, select(lookup, in: &pooled, plan: plan)))
    }

    /// The values `ranks` (0-based, among all values counted) stands for, where the plan kept
    /// them; `missing` lists, by gap, the ranks that fell in gaps.
    func orderStatistics(ranks: [Int], plan: KeptWindows) -> (found: [Int: Double], missing: [Int: [Int]]) {
        let lookup = lookup(ranks: ranks, plan: plan)
        return (values(lookup, plan: plan), lookup.missing)
    }

    /// The values at `lookup`'s located ranks, by rank, gathering every part on this thread.
    private func values(_ lookup: Lookup, plan: KeptWindows) -> [Int: Double] {
        values(lookup, gathered: (0..<partCount).map { gather(lookup, part: $0, map: plan.map) }, plan: plan)
    }

    /// Adds to `found` the ranks `missing` lists by gap (as ``orderStatistics(ranks:plan:)``
    /// returned them), from `extra`: a tally of every value under
    /// `KeptWindows(recovering: missing.keys, of: plan)`.
    func recover(
        _ missing: [Int: [Int]], into found: inout [Int: Double], from extra: OutputTally, extraPlan: KeptWindows
    ) {
        let below = self.below
        var requests: [(run: Int, rank: Int)] = []
        var asked: [Int] = []
        for (run, gap) in missing.keys.sorted().enumerated() {
            for rank in missing[gap]! {
                requests.append((run, rank - below[2 * gap]))
                asked.append(rank)
            }
        }
        let lookup = extra.lookup(requests, asking: asked, missing: [:], plan: extraPlan)
        found.merge(extra.values(lookup, plan: extraPlan)) { _, recovered in recovered }
    }

    /// The atoms of `plan` this tally counted, by bucket.
    private func atomsByBucket(_ plan: KeptWindows) -> [Int: [(value: Double, count: Int)]] {
        var atomsIn: [Int: [(value: Double, count: Int)]] = [:]
        for (atom, count) in zip(plan.atoms, atomCounts) {
            atomsIn[plan.map.bucket(atom), default: []].append((atom, count))
        }
        return atomsIn
    }

    /// Each request (a rank inside a kept run, 0-based within the run) located to its bucket
    /// and its rank inside the bucket, from the kept counts per bucket.
    private func locate(_ requests: [(run: Int, rank: Int)], plan: KeptWindows) -> [(bucket: Int, rank: Int)] {
        let atomsIn = atomsByBucket(plan)
        func total(_ bucket: Int) -> Int {
            keptBucketCounts[bucket] + (atomsIn[bucket]?.reduce(0) { $0 + $1.count } ?? 0)
        }
        return requests.map { request in
            var rank = request.rank
            var bucket = plan.segmentBuckets[2 * request.run + 1].lowerBound
            while rank >= total(bucket) {
                rank -= total(bucket)
                bucket += 1
            }
            return (bucket, rank)
        }
    }

    /// The values at `lookup`'s located ranks, by selection inside each bucket among its
    /// values in `pooled` (by slot, rearranged) and its atoms.
    /// - Complexity: selection in the buckets that hold the ranks.
    private func select(_ lookup: Lookup, in pooled: inout [[Double]], plan: KeptWindows) -> [Double] {
        let atomsIn = atomsByBucket(plan)
        var found: [Int: [Int: Double]] = [:]
        for (slot, bucket) in lookup.buckets.enumerated() {
            let ranks = lookup.located.filter { $0.bucket == bucket }.map(\.rank)
            let selected = pooled[slot].withUnsafeMutableBufferPointer {
                Self.select(ranks: ranks, values: $0, atoms: atomsIn[bucket] ?? [])
            }
            found[bucket] = Dictionary(zip(ranks, selected), uniquingKeysWith: { a, _ in a })
        }
        return lookup.located.map { found[$0.bucket]![$0.rank]! }
    }

    /// Order statistics of the multiset `values` ∪ {each atom, `count` times}; the values do
    /// not contain the atoms.
    static func select(
        ranks: [Int], values: UnsafeMutableBufferPointer<Double>,
        atoms: [(value: Double, count: Int)]
    ) -> [Double] {
        guard !atoms.isEmpty else { return Selection.select(ranks: ranks, in: values) }
        let atoms = atoms.sorted { $0.value < $1.value }
        let smaller = atoms.map { atom in values.reduce(0) { $0 + ($1 < atom.value ? 1 : 0) } }
        var result = [Double?](repeating: nil, count: ranks.count)
        var valueRanks: [(slot: Int, rank: Int)] = []
        for (slot, rank) in ranks.enumerated() {
            var atomsBefore = 0
            var resolved = false
            for (j, atom) in atoms.enumerated() {
                let start = smaller[j] + atomsBefore
                if rank < start { break }
                if rank < start + atom.count {
                    result[slot] = atom.value
                    resolved = true
                    break
                }
                atomsBefore += atom.count
            }
            if !resolved { valueRanks.append((slot, rank - atomsBefore)) }
        }
        if !valueRanks.isEmpty {
            let values = Selection.select(ranks: valueRanks.map(\.rank), in: values)
            for (entry, value) in zip(valueRanks, values) { result[entry.slot] = value }
        }
        return result.map { $0! }
    }
}
