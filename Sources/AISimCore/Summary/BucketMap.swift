/// Sorts positive doubles into buckets by the high bits of their IEEE 754 representation.
///
/// For positive finite doubles the bit pattern, read as an unsigned integer, increases with
/// the value, so `bits >> shift` is a monotone bucket key: with `shift = 52 − m` every bucket
/// spans 1/2^m of an octave. The map covers `[low, high]` with at most `maxBuckets` buckets
/// (the smallest shift that fits, so the finest resolution that fits), plus bucket 0 for
/// everything below `low` and bucket `inRange + 1` for everything above `high`.
///
/// Complexity: ``bucket(_:)`` is O(1) and branch-free.
struct BucketMap: Sendable, Equatable {
    let shift: UInt64
    let base: UInt64
    /// Buckets between `low` and `high`; the map has two more, one below and one above.
    let inRange: Int

    init(low: Double, high: Double, maxBuckets: Int) {
        precondition(low > 0 && low <= high && high.isFinite && maxBuckets >= 1)
        var shift: UInt64 = 0
        while (high.bitPattern >> shift) - (low.bitPattern >> shift) + 1 > UInt64(maxBuckets) {
            shift += 1
        }
        self.shift = shift
        base = low.bitPattern >> shift
        inRange = Int((high.bitPattern >> shift) - base) + 1
    }

    /// Number of buckets, the two open-ended ones included.
    var count: Int { inRange + 2 }

    /// The bucket that holds `value`: 0 below `low`, `inRange + 1` above `high`
    /// (where negative numbers, infinities and NaN also land).
    @inline(__always)
    func bucket(_ value: Double) -> Int {
        let offset = Int(truncatingIfNeeded: (value.bitPattern &>> shift) &- base)
        return min(max(offset &+ 1, 0), inRange + 1)
    }
}
