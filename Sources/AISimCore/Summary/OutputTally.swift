import Algorithms

/// What one worker has seen of one output under a ``KeepPlan``: how many values fell in each
/// segment, the values of kept buckets with their count per bucket, and how often each atom
/// occurred.
///
/// Tallies of different workers merge by addition and concatenation, so the result does not
/// depend on which worker saw which chunk.
struct OutputTally {
    /// Values counted in each segment.
    private(set) var segmentCounts: [Int]
    /// Kept values, in the order they were seen.
    private var keptValues: [Double] = []
    /// Kept values (atoms aside) in each bucket.
    private var keptBucketCounts: [Int]
    private(set) var atomCounts: [Int]

    init(plan: KeepPlan) {
        segmentCounts = [Int](repeating: 0, count: plan.segmentCount)
        keptBucketCounts = [Int](repeating: 0, count: plan.map.count)
        atomCounts = [Int](repeating: 0, count: plan.atoms.count)
    }

    /// How many values the tally holds.
    var keptCount: Int { keptValues.count }

    /// Counts `count` values and keeps those the plan keeps; returns their ``BlockMoments``
    /// (sum, spread, and how many are not positive finite numbers), so the caller needs no
    /// second pass.
    ///
    /// Two passes over the block: the first finds each value's segment and counts it, with no
    /// data-dependent branches, and notes the kept ones; the second counts the kept values (a
    /// few percent) by bucket and copies them out in one append.
    /// - Complexity: O(count), plus O(atoms) per kept value when the plan has atoms.
    @discardableResult
    mutating func add(_ values: UnsafePointer<Double>, count: Int, plan: KeepPlan) -> BlockMoments {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { kept in
            let (keptCount, moments) = plan.segmentOfBucket.withUnsafeBufferPointer { table in
                segmentCounts.withUnsafeMutableBufferPointer { counts in
                    Self.classify(values, count: count, map: plan.map, table: table.baseAddress!,
                                  counts: counts.baseAddress!, kept: kept.baseAddress!)
                }
            }
            guard keptCount > 0 else { return moments }
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
                keptValues.append(contentsOf: UnsafeBufferPointer(rebasing: blockValues[..<n]))
            }
            return moments
        }
    }

    /// The branch-free first pass of ``add(_:count:plan:)``: counts each value in its segment,
    /// writes the indices of kept values to `kept`, and returns how many there are, with the
    /// block's ``BlockMoments``.
    ///
    /// It runs as three loops over the block, so that two of them vectorize: bucket indices,
    /// then the moments, then (scalar) the table lookups and counts.
    @inline(never)
    private static func classify(_ values: UnsafePointer<Double>, count: Int, map: BucketMap,
                                 table: UnsafePointer<UInt16>, counts: UnsafeMutablePointer<Int>,
                                 kept: UnsafeMutablePointer<Int32>) -> (Int, BlockMoments) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { buckets in
            let buckets = buckets.baseAddress!
            for i in 0..<count { buckets[i] = UInt32(truncatingIfNeeded: map.bucket(values[i])) }
            let moments = BlockMoments(values, count: count)
            var keptCount = 0
            for i in 0..<count {
                let segment = Int(table[Int(buckets[i])])
                counts[segment] &+= 1
                kept[keptCount] = Int32(truncatingIfNeeded: i)
                keptCount &+= segment & 1
            }
            return (keptCount, moments)
        }
    }

    /// How many of the values this tally counted are at most `x`, when the plan keeps `x`'s
    /// bucket (nil when it falls in a gap, whose values were only counted).
    /// - Complexity: O(kept values).
    func count(atMost x: Double, plan: KeepPlan) -> Int? {
        let segment = Int(plan.segmentOfBucket[plan.map.bucket(x)])
        guard segment % 2 == 1 else { return nil }
        let run = plan.segmentBuckets[segment]
        var count = segmentCounts[..<segment].reduce(0, +)
        for v in keptValues where v <= x && run.contains(plan.map.bucket(v)) { count += 1 }
        for (atom, n) in zip(plan.atoms, atomCounts) where atom <= x && run.contains(plan.map.bucket(atom)) { count += n }
        return count
    }

    /// Adds `other`'s counts and values to this tally.
    mutating func merge(_ other: OutputTally) {
        for s in segmentCounts.indices { segmentCounts[s] += other.segmentCounts[s] }
        for b in keptBucketCounts.indices { keptBucketCounts[b] += other.keptBucketCounts[b] }
        for a in atomCounts.indices { atomCounts[a] += other.atomCounts[a] }
        keptValues.append(contentsOf: other.keptValues)
    }

    /// For each segment, how many values lie in the segments before it; one more entry at the
    /// end holds the total.
    var below: [Int] {
        var below = [0]
        for count in segmentCounts { below.append(below.last! + count) }
        return below
    }

    /// The values `ranks` (0-based, among all values counted) stands for, where the plan kept
    /// them; `missing` lists, by gap, the ranks that fell in gaps.
    func orderStatistics(ranks: [Int], plan: KeepPlan) -> (found: [Int: Double], missing: [Int: [Int]]) {
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
        return (Dictionary(uniqueKeysWithValues: zip(asked, values(at: requests, plan: plan))), missing)
    }

    /// Adds to `found` the ranks `missing` lists by gap (as ``orderStatistics(ranks:plan:)``
    /// returned them), from `extra`: a tally of every value under
    /// `KeepPlan(recovering: missing.keys, of: plan)`.
    func recover(_ missing: [Int: [Int]], into found: inout [Int: Double], from extra: OutputTally, extraPlan: KeepPlan) {
        let below = self.below
        var requests: [(run: Int, rank: Int)] = [], asked: [Int] = []
        for (run, gap) in missing.keys.sorted().enumerated() {
            for rank in missing[gap]! {
                requests.append((run, rank - below[2 * gap]))
                asked.append(rank)
            }
        }
        for (rank, value) in zip(asked, extra.values(at: requests, plan: extraPlan)) { found[rank] = value }
    }

    /// The values at the given ranks inside kept runs (0-based within each run).
    ///
    /// The kept counts per bucket locate each rank to one bucket; a single pass over the kept
    /// values then gathers just those buckets, and selection inside each finds the ranks.
    /// - Complexity: O(kept values + buckets in the runs asked about), plus selection in the
    ///   buckets that hold the ranks.
    func values(at requests: [(run: Int, rank: Int)], plan: KeepPlan) -> [Double] {
        var atomsIn: [Int: [(value: Double, count: Int)]] = [:]
        for (atom, count) in zip(plan.atoms, atomCounts) {
            atomsIn[plan.map.bucket(atom), default: []].append((atom, count))
        }
        func total(_ bucket: Int) -> Int { keptBucketCounts[bucket] + (atomsIn[bucket]?.reduce(0) { $0 + $1.count } ?? 0) }

        // Each request's bucket, and its rank inside the bucket.
        var located: [(bucket: Int, rank: Int)] = []
        for request in requests {
            var rank = request.rank
            var bucket = plan.segmentBuckets[2 * request.run + 1].lowerBound
            while rank >= total(bucket) {
                rank -= total(bucket)
                bucket += 1
            }
            located.append((bucket, rank))
        }

        var wanted = [Bool](repeating: false, count: plan.map.count)
        for entry in located { wanted[entry.bucket] = true }
        var gathered: [Int: [Double]] = [:]
        for v in keptValues {
            let b = plan.map.bucket(v)
            if wanted[b] { gathered[b, default: []].append(v) }
        }

        var found: [Int: [Int: Double]] = [:]
        for bucket in Set(located.map(\.bucket)) {
            let ranks = located.filter { $0.bucket == bucket }.map(\.rank)
            var values = gathered[bucket] ?? []
            let selected = values.withUnsafeMutableBufferPointer {
                Self.select(ranks: ranks, values: $0, atoms: atomsIn[bucket] ?? [])
            }
            found[bucket] = Dictionary(zip(ranks, selected), uniquingKeysWith: { a, _ in a })
        }
        return located.map { found[$0.bucket]![$0.rank]! }
    }

    /// Order statistics of the multiset `values` ∪ {each atom, `count` times}; the values do
    /// not contain the atoms.
    static func select(ranks: [Int], values: UnsafeMutableBufferPointer<Double>,
                       atoms: [(value: Double, count: Int)]) -> [Double] {
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
