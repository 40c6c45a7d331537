/// Exact percentiles of positive values held in memory, through the same machinery a long
/// simulation streams its outputs through: a pilot, kept windows, a tally and selection
/// inside the buckets that hold the wanted ranks (`docs/exact-percentiles.md`).
///
/// The simulation uses the same types chunk by chunk on many threads; this entry point runs
/// them on one thread over an array, for benchmarks and for testing the summary against a
/// sort on any data.
public enum ExactPercentiles {
    /// The `percentiles` of `values`, as numpy's default (linear) definition gives them.
    ///
    /// - Precondition: every value is a positive finite number.
    /// - Complexity: O(n) expected, with O(n^(2/3)) extra memory beyond the kept windows for
    ///   n above `tuning.keepAllLimit` (below it, a copy of the values).
    public static func of(
        _ values: UnsafeBufferPointer<Double>, _ percentiles: [Percentile],
        tuning: SummaryTuning = SummaryTuning()
    ) -> [Double] {
        let n = values.count
        precondition(n > 0, "no values")
        let ranks = Percentile.ranks(percentiles, among: n)
        let pilot = tuning.pilotTrials(for: n)
        guard pilot < n else {
            return Percentile.interpolate(
                percentiles, among: n,
                orderStatistics: orderStatistics(ofHeld: values, ranks: ranks, maxBuckets: tuning.maxBuckets))
        }
        let plan = KeptWindows(
            pilot: UnsafeBufferPointer(rebasing: values[..<pilot]), trials: n,
            quantiles: percentiles.map { $0.value / 100 }, tuning: tuning)
        let tally = tallying(values, plan)
        var (found, missing) = tally.orderStatistics(ranks: ranks, plan: plan)
        if !missing.isEmpty {
            let extraPlan = KeptWindows(recovering: Array(missing.keys), of: plan)
            tally.recover(missing, into: &found, from: tallying(values, extraPlan), extraPlan: extraPlan)
        }
        return Percentile.interpolate(percentiles, among: n, orderStatistics: found)
    }

    /// The order statistics `ranks` (0-based) of values that are all in memory: a bucket pass
    /// counts the values into a ``BucketMap`` over their range, which locates every rank to
    /// one bucket; a second pass gathers just those buckets, and selection inside each finds
    /// the ranks. Two passes over the values, instead of the several a multi-quickselect over
    /// all of them would make.
    /// - Precondition: every value is a positive finite number.
    static func orderStatistics(ofHeld values: UnsafeBufferPointer<Double>, ranks: [Int], maxBuckets: Int) -> [Int:
        Double]
    {
        let (map, counts) = BucketMap.histogram(of: values, maxBuckets: maxBuckets)
        // Each rank's bucket, and its rank inside the bucket.
        var below = 0
        var bucket = 0
        var located: [Int: (bucket: Int, rank: Int)] = [:]
        for rank in Set(ranks).sorted() {
            while rank >= below + counts[bucket] {
                below += counts[bucket]
                bucket += 1
            }
            located[rank] = (bucket, rank - below)
        }
        var gathered: [Int: [Double]] = [:]
        for b in Set(located.values.map(\.bucket)) {
            gathered[b] = []
            gathered[b]!.reserveCapacity(counts[b])
        }
        var wanted = [Bool](repeating: false, count: map.count)
        for b in gathered.keys { wanted[b] = true }
        for v in values {
            let b = map.bucket(v)
            if wanted[b] { gathered[b]!.append(v) }
        }
        var result: [Int: Double] = [:]
        for (b, _) in gathered {
            let entries = located.filter { $0.value.bucket == b }
            let selected = gathered[b]!.withUnsafeMutableBufferPointer {
                Selection.select(ranks: entries.map(\.value.rank), in: $0)
            }
            for (entry, value) in zip(entries, selected) { result[entry.key] = value }
        }
        return result
    }

    /// A tally of `values` under `plan`, added block by block as a simulation adds them.
    static func tallying(_ values: UnsafeBufferPointer<Double>, _ plan: KeptWindows) -> OutputTally {
        var tally = OutputTally(plan: plan)
        var start = 0
        while start < values.count {
            let count = min(Block.size, values.count - start)
            tally.add(values.baseAddress! + start, count: count, plan: plan)
            start += count
        }
        return tally
    }
}
