import Algorithms

/// Which values of one output a streaming pass must keep so that the wanted order statistics
/// can be found exactly afterwards, without holding every value in memory.
///
/// A *pilot* (the first chunks of the run, held in full) estimates where each wanted
/// percentile lies. Around each estimate the plan keeps a window of buckets wide enough that
/// the run's true order statistic falls inside it except with negligible probability:
/// in probability terms ±(z·√(q(1−q)(1/n₀ + 1/n)) + 3·√(q(1−q)/n) + 3/n₀) around q, for a pilot
/// of n₀ of the run's n trials, with z = ``SummaryTuning/windowSigmas``. Kept buckets form
/// *runs*; the buckets between runs form *gaps*, whose values are only counted. A run's values,
/// with the count of everything below the run, give any rank inside it exactly.
///
/// Values the pilot shows to be an *atom* (a window whose ends are the same value, as for an
/// output that does not vary) are counted rather than stored, so a point-valued prior needs no
/// memory per trial.
///
/// Should a wanted rank still fall in a gap, the caller keeps that gap in one more pass
/// (``KeptWindows/init(map:keeping:)``), so the result is exact either way.
struct KeptWindows: Sendable {
    let map: BucketMap
    /// For each bucket, its segment: gaps and runs alternate, so gap `g` is segment `2g` and
    /// run `r` is segment `2r + 1`. Odd segments are kept.
    let segmentOfBucket: [UInt16]
    let runCount: Int
    /// The buckets of each segment.
    let segmentBuckets: [Range<Int>]
    /// Values counted rather than stored, ascending.
    let atoms: [Double]
    /// The share of the pilot's values in kept buckets: about the share of a run's values a
    /// tally under this plan keeps.
    let keptShare: Double

    /// The plan for `pilot` (the pilot's values of one output) in a run of `trials` trials that
    /// wants the percentiles `quantiles` (each in 0...1).
    ///
    /// One pass finds the pilot's range, a second counts it into the map's buckets; the
    /// pilot's order statistics at each window's ends are then located to the bucket, which
    /// is all a window needs, since it keeps whole buckets. A window whose two ends fall in one
    /// bucket holding a single repeated value makes that value an atom; only such a narrow
    /// window costs a third pass, to see whether its bucket holds one value.
    /// - Complexity: O(pilot count + buckets).
    init(pilot: UnsafeBufferPointer<Double>, trials: Int, quantiles: [Double], tuning: SummaryTuning) {
        let n0 = pilot.count
        let n = Double(trials)
        let m = Double(n0)
        let (map, counts) = BucketMap.histogram(of: pilot, maxBuckets: tuning.maxBuckets)
        self.map = map
        var below = [0]
        for count in counts { below.append(below.last! + count) }
        /// The bucket holding the pilot's order statistic of rank `rank`.
        func bucket(ofRank rank: Int) -> Int { below.partitioningIndex { $0 > rank } - 1 }

        var kept = [Bool](repeating: false, count: map.count)
        // Buckets that hold a whole window: atoms, if they hold one repeated value.
        var narrow: Set<Int> = []
        for q in quantiles {
            let spread = q * (1 - q)
            let delta =
                tuning.windowSigmas * (spread * (1 / m + 1 / n)).squareRoot()
                + 3 * (spread / n).squareRoot() + 3 / m
            let lowRank = max(0, Int(((q - delta) * (m - 1)).rounded(.down)))
            let highRank = min(n0 - 1, Int(((q + delta) * (m - 1)).rounded(.up)))
            guard lowRank <= highRank else { continue }
            let lowBucket = bucket(ofRank: lowRank)
            let highBucket = bucket(ofRank: highRank)
            if lowBucket == highBucket { narrow.insert(lowBucket) }
            // Windows that reach the pilot's extremes also keep everything beyond them.
            let firstKept = lowRank == 0 ? 0 : lowBucket
            let lastKept = highRank == n0 - 1 ? map.count - 1 : highBucket
            for b in firstKept...lastKept { kept[b] = true }
        }
        let atoms = narrow.isEmpty ? [] : Self.repeatedValues(in: narrow, of: pilot, map: map)
        self.atoms = atoms
        (segmentOfBucket, segmentBuckets) = Self.segments(kept)
        runCount = segmentBuckets.count / 2
        keptShare = Double(zip(kept, counts).reduce(0) { $0 + ($1.0 ? $1.1 : 0) }) / m
    }

    /// A plan over `map` that keeps every value in the given bucket ranges and counts no atoms:
    /// the extra pass for ranks the first plan missed.
    init(map: BucketMap, keeping ranges: [Range<Int>]) {
        self.map = map
        var kept = [Bool](repeating: false, count: map.count)
        for range in ranges { for b in range { kept[b] = true } }
        atoms = []
        (segmentOfBucket, segmentBuckets) = Self.segments(kept)
        runCount = segmentBuckets.count / 2
        keptShare = 0
    }

    /// A plan that keeps nothing, for an output whose percentiles nobody asked for.
    static let keepingNothing = KeptWindows(map: BucketMap(low: 1, high: 1, maxBuckets: 1), keeping: [])

    /// The extra pass for the ranks that fell in `gaps` of `plan`: keeps exactly those gaps' buckets,
    /// so gap `gaps[j]` of `plan` becomes run `j` here.
    init(recovering gaps: [Int], of plan: KeptWindows) {
        self.init(map: plan.map, keeping: gaps.sorted().map { plan.segmentBuckets[2 * $0] })
    }

    /// The values that fill one of `buckets` alone (every value of `pilot` in the bucket is
    /// that value), ascending.
    /// - Complexity: O(pilot count), one more pass.
    private static func repeatedValues(in buckets: Set<Int>, of pilot: UnsafeBufferPointer<Double>, map: BucketMap)
        -> [Double]
    {
        var first: [Int: Double] = [:]
        var mixed: Set<Int> = []
        for v in pilot {
            let b = map.bucket(v)
            guard buckets.contains(b) else { continue }
            if let seen = first[b] {
                if seen != v { mixed.insert(b) }
            } else {
                first[b] = v
            }
        }
        return first.filter { !mixed.contains($0.key) }.map(\.value).sorted()
    }

    /// Numbers the alternating gaps and runs of `kept`, always starting and ending with a gap
    /// (either may be empty).
    private static func segments(_ kept: [Bool]) -> ([UInt16], [Range<Int>]) {
        var segmentOf = [UInt16](repeating: 0, count: kept.count)
        var ranges: [Range<Int>] = []
        var segment = 0
        var start = 0
        for b in kept.indices {
            let wanted = kept[b] ? 1 : 0
            if segment % 2 != wanted {
                ranges.append(start..<b)
                segment += 1
                start = b
            }
            segmentOf[b] = UInt16(segment)
        }
        ranges.append(start..<kept.count)
        if segment % 2 == 1 { ranges.append(kept.count..<kept.count) }
        precondition(ranges.count < Int(UInt16.max), "too many separate windows")
        return (segmentOf, ranges)
    }

    var segmentCount: Int { segmentBuckets.count }
}
