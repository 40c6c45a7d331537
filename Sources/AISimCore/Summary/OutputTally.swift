import Algorithms

/// What one worker has seen of one output under a ``KeepPlan``: how many values fell in each
/// segment, the values of kept runs and how often each atom occurred.
///
/// Tallies of different workers merge by addition and concatenation, so the result does not
/// depend on which worker saw which chunk.
struct OutputTally {
    /// Values counted in each segment.
    private(set) var segmentCounts: [Int]
    /// Kept values in the order they were seen, and the run each belongs to.
    private var keptValues: [Double] = []
    private var keptRuns: [UInt16] = []
    private(set) var atomCounts: [Int]
    private let runCount: Int

    init(plan: KeepPlan) {
        segmentCounts = [Int](repeating: 0, count: plan.segmentCount)
        atomCounts = [Int](repeating: 0, count: plan.atoms.count)
        runCount = plan.runCount
    }

    /// How many values the tally holds.
    var keptCount: Int { keptValues.count }

    /// Counts `count` values and keeps those the plan keeps; returns their sum and how many
    /// are not positive finite numbers (overflow, underflow), so the caller needs no second pass.
    ///
    /// Two passes over the block: the first finds each value's segment and counts it, with no
    /// data-dependent branches, and notes the kept ones; the second copies the kept values
    /// (a few percent) and their runs out in one append each.
    /// - Complexity: O(count), plus O(atoms) per kept value when the plan has atoms.
    @discardableResult
    mutating func add(_ values: UnsafePointer<Double>, count: Int, plan: KeepPlan) -> (sum: Double, invalid: Int) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { kept in
            let (keptCount, sum, invalid) = plan.segmentOfBucket.withUnsafeBufferPointer { table in
                segmentCounts.withUnsafeMutableBufferPointer { counts in
                    Self.classify(values, count: count, map: plan.map, table: table.baseAddress!,
                                  counts: counts.baseAddress!, kept: kept.baseAddress!)
                }
            }
            guard keptCount > 0 else { return (sum, invalid) }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: keptCount) { blockValues in
                withUnsafeTemporaryAllocation(of: UInt16.self, capacity: keptCount) { blockRuns in
                    var n = 0
                    for k in 0..<keptCount {
                        let v = values[Int(kept[k])]
                        if !plan.atoms.isEmpty, let atom = plan.atoms.firstIndex(of: v) {
                            atomCounts[atom] &+= 1
                            continue
                        }
                        blockValues[n] = v
                        blockRuns[n] = plan.segmentOfBucket[plan.map.bucket(v)] >> 1
                        n += 1
                    }
                    keptValues.append(contentsOf: UnsafeBufferPointer(rebasing: blockValues[..<n]))
                    keptRuns.append(contentsOf: UnsafeBufferPointer(rebasing: blockRuns[..<n]))
                }
            }
            return (sum, invalid)
        }
    }

    /// The branch-free first pass of ``add(_:count:plan:)``: counts each value in its segment,
    /// writes the indices of kept values to `kept`, and returns how many there are, the
    /// values' sum and how many are not positive finite numbers.
    ///
    /// It runs as three loops over the block, so that two of them vectorize: bucket indices,
    /// then the sum and the minimum, then (scalar) the table lookups and counts.
    @inline(never)
    private static func classify(_ values: UnsafePointer<Double>, count: Int, map: BucketMap,
                                 table: UnsafePointer<UInt16>, counts: UnsafeMutablePointer<Int>,
                                 kept: UnsafeMutablePointer<Int32>) -> (Int, Double, Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { buckets in
            let buckets = buckets.baseAddress!
            for i in 0..<count { buckets[i] = UInt32(truncatingIfNeeded: map.bucket(values[i])) }

            // The sum, and the smallest value, four lanes at a time. Every value is a positive
            // finite number exactly when the smallest is positive and the sum finite (a NaN or
            // an infinity makes the sum NaN or infinite); only then are values counted one by
            // one, or when a sum of finite values overflows.
            var sums = SIMD4<Double>(), lows = SIMD4<Double>(repeating: .infinity)
            var i = 0
            while i + 4 <= count {
                let v = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
                sums += v
                lows.replace(with: v, where: v .< lows)
                i += 4
            }
            var sum = sums.sum(), low = lows.min()
            while i < count {
                sum += values[i]
                low = Swift.min(low, values[i])
                i += 1
            }
            var invalid = 0
            if !(low > 0 && sum.isFinite) {
                for i in 0..<count where !(values[i] > 0 && values[i] < .infinity) { invalid += 1 }
            }

            var keptCount = 0
            for i in 0..<count {
                let segment = Int(table[Int(buckets[i])])
                counts[segment] &+= 1
                kept[keptCount] = Int32(truncatingIfNeeded: i)
                keptCount &+= segment & 1
            }
            return (keptCount, sum, invalid)
        }
    }

    /// Adds `other`'s counts and values to this tally.
    mutating func merge(_ other: OutputTally) {
        for s in segmentCounts.indices { segmentCounts[s] += other.segmentCounts[s] }
        keptValues.append(contentsOf: other.keptValues)
        keptRuns.append(contentsOf: other.keptRuns)
        for a in atomCounts.indices { atomCounts[a] += other.atomCounts[a] }
    }

    /// The values `ranks` (0-based, among all values counted) stands for, where the plan kept
    /// them; `missing` lists, by gap, the ranks that fell in gaps.
    ///
    /// Consumes the kept values (they are reordered by selection).
    mutating func orderStatistics(ranks: [Int], plan: KeepPlan) -> (found: [Int: Double], missing: [Int: [Int]]) {
        let below = self.below
        var ranksInRun = [[Int]](repeating: [], count: plan.runCount)
        var missing: [Int: [Int]] = [:]
        for rank in Set(ranks) {
            // The segment s with below[s] <= rank < below[s + 1].
            let segment = below.partitioningIndex { $0 > rank } - 1
            if segment % 2 == 0 {
                missing[segment / 2, default: []].append(rank)
            } else {
                ranksInRun[segment / 2].append(rank)
            }
        }
        var found: [Int: Double] = [:]
        var (grouped, offsets) = groupedByRun()
        grouped.withUnsafeMutableBufferPointer { grouped in
            for run in ranksInRun.indices where !ranksInRun[run].isEmpty {
                let offset = below[2 * run + 1]
                let atoms = plan.atoms.indices
                    .filter { plan.segmentOfBucket[plan.map.bucket(plan.atoms[$0])] == 2 * run + 1 }
                    .map { (value: plan.atoms[$0], count: atomCounts[$0]) }
                let local = ranksInRun[run].map { $0 - offset }
                let values = UnsafeMutableBufferPointer(rebasing: grouped[offsets[run]..<offsets[run + 1]])
                for (rank, value) in zip(ranksInRun[run], Self.select(ranks: local, values: values, atoms: atoms)) {
                    found[rank] = value
                }
            }
        }
        return (found, missing)
    }

    /// The kept values grouped by run (a counting sort), with each run's start and, last, the
    /// end of the final run. Empties the tally's own copy.
    mutating func groupedByRun() -> (values: [Double], offsets: [Int]) {
        var offsets = [Int](repeating: 0, count: runCount + 1)
        for run in keptRuns { offsets[Int(run) + 1] += 1 }
        for r in 0..<runCount { offsets[r + 1] += offsets[r] }
        var cursor = offsets
        let values = [Double](unsafeUninitializedCapacity: keptValues.count) { buffer, initialized in
            for (value, run) in zip(keptValues, keptRuns) {
                buffer[cursor[Int(run)]] = value
                cursor[Int(run)] += 1
            }
            initialized = keptValues.count
        }
        keptValues = []
        keptRuns = []
        return (values, offsets)
    }

    /// For each segment, how many values lie in the segments before it; one more entry at the
    /// end holds the total.
    var below: [Int] {
        var below = [0]
        for count in segmentCounts { below.append(below.last! + count) }
        return below
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
