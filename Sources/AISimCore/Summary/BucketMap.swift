/// Sorts positive doubles into buckets by the high bits of their IEEE 754 representation.
///
/// For positive finite doubles the bit pattern, read as an unsigned integer, increases with
/// the value, so `bits >> shift` is a monotone bucket key: with `shift = 52 − m` every bucket
/// spans 1/2^m of an octave. The map covers `[low, high]` with at most `maxBuckets` buckets
/// (the smallest shift that fits, so the finest resolution that fits), plus bucket 0 for
/// everything below `low` and bucket `inRange + 1` for everything above `high`.
///
/// ``bucket(_:)`` first clamps the value, as a double, into the range of the two open-ended
/// buckets, then takes the key: compares, selects, a shift and a subtraction, all of which
/// vectorize, and no integer clamp. Anything that is not a positive finite number (zero,
/// negatives, infinities, NaN) lands in one of the two open-ended buckets.
///
/// Complexity: ``bucket(_:)`` is O(1) and branch-free.
struct BucketMap: Sendable, Equatable {
    let shift: UInt64
    let base: UInt64
    /// Buckets between `low` and `high`; the map has two more, one below and one above.
    let inRange: Int
    /// The largest double in bucket 0 and the smallest in the last bucket: clamping a value to
    /// `[floor, ceiling]` leaves its bucket unchanged unless it lies outside the map.
    let floor: Double
    let ceiling: Double

    init(low: Double, high: Double, maxBuckets: Int) {
        precondition(low > 0 && low <= high && high.isFinite && maxBuckets >= 1)
        var shift: UInt64 = 0
        while (high.bitPattern >> shift) - (low.bitPattern >> shift) + 1 > UInt64(maxBuckets) {
            shift += 1
        }
        self.shift = shift
        base = low.bitPattern >> shift
        inRange = Int((high.bitPattern >> shift) - base) + 1
        // Bucket 0 holds keys below `base`; if there are none (base 0), nothing positive is below.
        floor = base == 0 ? 0 : Double(bitPattern: (base << shift) - 1)
        let top = (base + UInt64(inRange)) << shift
        ceiling = Double(bitPattern: min(top, Double.infinity.bitPattern))
    }

    /// Number of buckets, the two open-ended ones included.
    var count: Int { inRange + 2 }

    /// The bucket that holds `value`: 0 below `low`, `inRange + 1` above `high`
    /// (where negative numbers, infinities and NaN also land).
    @inline(__always)
    func bucket(_ value: Double) -> Int {
        // Comparisons with NaN are false, so NaN becomes `floor`. (These are exactly x86's
        // maxpd and minpd, which the compiler then uses.)
        let raised = value > floor ? value : floor
        let clamped = raised < ceiling ? raised : ceiling
        return Int(truncatingIfNeeded: (clamped.bitPattern &>> shift) &- base &+ 1)
    }
}
