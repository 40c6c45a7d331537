import Algorithms

/// What one worker has seen of one output under a ``KeepPlan``: how many values fell in each
/// segment, the values of kept runs (one array per run) and how often each atom occurred.
///
/// Tallies of different workers merge by addition and concatenation, so the result does not
/// depend on which worker saw which chunk.
struct OutputTally {
    /// Counts per segment, in `lanes` interleaved copies so that consecutive values hitting the
    /// same segment do not wait on each other's increments: `counts[lane * segments + s]`.
    private var counts: [Int]
    private(set) var runs: [[Double]]
    private(set) var atomCounts: [Int]
    private let segments: Int
    private static let lanes = 4

    init(plan: KeepPlan) {
        segments = plan.segmentCount
        counts = [Int](repeating: 0, count: Self.lanes * plan.segmentCount)
        runs = [[Double]](repeating: [], count: plan.runCount)
        atomCounts = [Int](repeating: 0, count: plan.atoms.count)
    }

    /// Values counted in each segment.
    var segmentCounts: [Int] {
        (0..<segments).map { s in (0..<Self.lanes).reduce(0) { $0 + counts[$1 * segments + s] } }
    }

    /// Counts `count` values and keeps those the plan keeps.
    /// - Complexity: O(count), plus O(atoms) per kept value when the plan has atoms.
    mutating func add(_ values: UnsafePointer<Double>, count: Int, plan: KeepPlan) {
        let map = plan.map, segments = self.segments, hasAtoms = !plan.atoms.isEmpty
        plan.segmentOfBucket.withUnsafeBufferPointer { segmentOf in
            counts.withUnsafeMutableBufferPointer { counts in
                for i in 0..<count {
                    let v = values[i]
                    let segment = Int(segmentOf[map.bucket(v)])
                    counts[(i & (Self.lanes - 1)) &* segments &+ segment] &+= 1
                    if segment & 1 == 1 {
                        if hasAtoms, let atom = plan.atoms.firstIndex(of: v) {
                            atomCounts[atom] &+= 1
                        } else {
                            runs[segment >> 1].append(v)
                        }
                    }
                }
            }
        }
    }

    /// Adds `other`'s counts and values to this tally.
    mutating func merge(_ other: OutputTally) {
        for i in counts.indices { counts[i] += other.counts[i] }
        for r in runs.indices { runs[r].append(contentsOf: other.runs[r]) }
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
        for run in ranksInRun.indices where !ranksInRun[run].isEmpty {
            let offset = below[2 * run + 1]
            let atoms = plan.atoms.indices
                .filter { plan.segmentOfBucket[plan.map.bucket(plan.atoms[$0])] == 2 * run + 1 }
                .map { (value: plan.atoms[$0], count: atomCounts[$0]) }
            let local = ranksInRun[run].map { $0 - offset }
            let values = runs[run].withUnsafeMutableBufferPointer {
                Self.select(ranks: local, values: $0, atoms: atoms)
            }
            for (rank, value) in zip(ranksInRun[run], values) { found[rank] = value }
        }
        return (found, missing)
    }

    /// For each segment, how many values lie in the segments before it; one more entry at the
    /// end holds the total.
    var below: [Int] {
        var below = [0]
        for count in segmentCounts { below.append(below.last! + count) }
        return below
    }

    /// Order statistics among the values kept in run `run` (0-based ranks within the run),
    /// for a plan without atoms.
    mutating func select(inRun run: Int, ranks: [Int]) -> [Double] {
        runs[run].withUnsafeMutableBufferPointer { Selection.select(ranks: ranks, in: $0) }
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
