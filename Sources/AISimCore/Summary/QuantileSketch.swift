/// A mergeable quantile sketch of positive numbers with a relative-error guarantee, in the
/// manner of DDSketch (Masson, Rim and Lee, VLDB 2019): values are counted in buckets whose
/// width is a fixed fraction of their position, so any quantile comes back within a relative
/// error α of the true order statistic, whatever the distribution and however many values.
///
/// The buckets come from the IEEE 754 bit pattern, as DDSketch's bitwise mapping does: for a
/// positive double the pattern increases with the value, and `bits >> (52 − m)` cuts every
/// octave into 2^m buckets of equal width. A bucket [a, b) then has b/a ≤ 1 + 2^−m, and its
/// representative r = 2ab/(a + b) is within (b − a)/(b + a) < 2^−(m+1) of every value in it;
/// m is the smallest with 2^−(m+1) ≤ α. The bucket of a value is one shift, so counting is as
/// cheap as the exact summary's tally.
///
/// Counts are integers, so merging (adding counts) is exact, associative and commutative: the
/// sketch of a run does not depend on how its values were split between workers, chunks or
/// shards. The smallest and largest values are kept exactly, and representatives are clamped
/// to them. The guarantee holds for normal doubles (from 2.2e-308 up), where the exponent
/// field makes the buckets logarithmic.
///
/// Memory: 8 bytes per bucket between the smallest and largest value, 2^m per octave (512 at
/// α = 0.001, so about 100 KB for values spanning seven orders of magnitude), independent of
/// how many values were counted, and never more than ``maxBuckets``: a sketch asked to span
/// more counts nothing further and says so (``isTooWide``), rather than grow without bound.
public struct QuantileSketch: Sendable {
    /// The relative accuracy asked for, α.
    public let accuracy: Double
    /// Buckets per octave: 2^mantissaBits.
    let mantissaBits: Int
    /// The bucket key of `counts[0]`.
    private(set) var offset: Int = 0
    private(set) var counts: [Int] = []
    public private(set) var count = 0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity
    /// Whether values from ``minimum`` to ``maximum`` would need more than ``maxBuckets``
    /// buckets. The sketch then stops counting (its counts describe only what came before)
    /// and must not be summarised; ``minimum`` and ``maximum`` still hold the range asked for.
    public private(set) var isTooWide = false

    /// The most buckets a sketch holds: 2^21, 16 MB. At the default accuracy, 512 buckets per
    /// octave, that spans every positive normal double (2,046 octaves); at a finer accuracy
    /// with 2^m buckets per octave it spans 2^(21−m) octaves (32 at α = 1e-5, about 1e9.6).
    public static let maxBuckets = 1 << 21

    /// The range of accuracies aisim accepts: coarser than 50% says nothing, and finer than
    /// 1e-5 needs 2^16 buckets per octave.
    public static let accuracies: ClosedRange<Double> = 1e-5...0.5

    /// An empty sketch with relative accuracy `accuracy` (in ``accuracies``).
    public init(accuracy: Double) {
        precondition(Self.accuracies.contains(accuracy))
        self.accuracy = accuracy
        var bits = 0
        while Self.bound(mantissaBits: bits) > accuracy { bits += 1 }
        mantissaBits = bits
    }

    /// A sketch from its parts, as a shard file stores them: the counts of consecutive buckets
    /// from `firstKey` on, and the smallest and largest values. Nil unless the parts agree: the
    /// first and last buckets are occupied and hold the extremes, and no count is negative.
    init?(accuracy: Double, firstKey: Int, counts: [Int], minimum: Double, maximum: Double) {
        guard Self.accuracies.contains(accuracy) else { return nil }
        self.init(accuracy: accuracy)
        guard counts.count <= Self.maxBuckets, let first = counts.first, let last = counts.last, first > 0, last > 0,
            counts.allSatisfy({ $0 >= 0 }),
            minimum > 0, minimum <= maximum, maximum < .infinity,
            key(minimum) == firstKey, key(maximum) == firstKey + counts.count - 1
        else { return nil }
        var total = 0
        for n in counts {
            let (sum, overflow) = total.addingReportingOverflow(n)
            guard !overflow else { return nil }
            total = sum
        }
        self.offset = firstKey
        self.counts = counts
        self.count = total
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The counts from the first occupied bucket to the last, and the first one's key: all a
    /// shard file needs to rebuild the sketch.
    var occupiedSpan: (firstKey: Int, counts: [Int]) {
        guard let first = counts.firstIndex(where: { $0 > 0 }), let last = counts.lastIndex(where: { $0 > 0 }) else {
            return (0, [])
        }
        return (offset + first, Array(counts[first...last]))
    }

    /// The largest relative error of a representative with 2^bits buckets per octave:
    /// (b − a)/(b + a) for the widest bucket, at the start of an octave, where b = a(1 + 2^−bits).
    static func bound(mantissaBits bits: Int) -> Double {
        let width = 1 / Double(1 << bits)
        return width / (2 + width)
    }

    /// The relative error the sketch guarantees: at most ``accuracy``.
    public var guaranteedAccuracy: Double { Self.bound(mantissaBits: mantissaBits) }

    private var shift: UInt64 { UInt64(52 - mantissaBits) }

    /// The bucket key of a positive finite value.
    @inline(__always)
    func key(_ value: Double) -> Int { Int(truncatingIfNeeded: value.bitPattern >> shift) }

    /// The values bucket `key` holds: [lower, upper).
    public func bucket(_ key: Int) -> (lower: Double, upper: Double) {
        (Double(bitPattern: UInt64(key) << shift), Double(bitPattern: UInt64(key + 1) << shift))
    }

    /// Counts `count` values, when they are all positive finite numbers; otherwise counts none
    /// of them and returns false.
    ///
    /// The block's smallest and largest values (one vectorized pass, which also spots NaNs)
    /// give its key range, so the bucket array grows at most once per block, and the counting
    /// loop has no branches.
    /// - Complexity: O(count), plus O(buckets) when the array grows.
    @discardableResult
    public mutating func add(_ values: UnsafePointer<Double>, count: Int) -> Bool {
        guard count > 0 else { return true }
        var lows = SIMD4<Double>(repeating: .infinity)
        var highs = SIMD4<Double>(repeating: -.infinity)
        var nan = SIMDMask<SIMD4<Double>.MaskStorage>(repeating: false)
        var i = 0
        while i + 4 <= count {
            let v = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
            lows.replace(with: v, where: v .< lows)
            highs.replace(with: v, where: v .> highs)
            nan .|= v .!= v
            i += 4
        }
        var low = lows.min()
        var high = highs.max()
        var anyNaN = any(nan)
        while i < count {
            low = Swift.min(low, values[i])
            high = Swift.max(high, values[i])
            anyNaN = anyNaN || values[i].isNaN
            i += 1
        }
        guard !anyNaN && low > 0 && high < .infinity else { return false }
        minimum = Swift.min(minimum, low)
        maximum = Swift.max(maximum, high)
        guard fits() else { return true }
        reserve(from: key(low), through: key(high))
        let shift = self.shift
        let offset = self.offset
        counts.withUnsafeMutableBufferPointer { counts in
            for i in 0..<count {
                counts[Int(truncatingIfNeeded: values[i].bitPattern >> shift) - offset] &+= 1
            }
        }
        self.count += count
        return true
    }

    /// Adds `other`'s counts to this sketch's.
    /// - Precondition: both sketches have the same accuracy.
    public mutating func merge(_ other: QuantileSketch) {
        precondition(other.mantissaBits == mantissaBits, "sketches of different accuracies")
        guard other.count > 0 || other.isTooWide else { return }
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        guard !other.isTooWide, fits() else {
            isTooWide = true
            return
        }
        // Only the other's occupied span: its spare room need not fit.
        let first = key(other.minimum)
        let last = key(other.maximum)
        reserve(from: first, through: last)
        for k in first...last { counts[k - offset] += other.counts[k - other.offset] }
        count += other.count
    }

    /// Whether the buckets from ``minimum`` to ``maximum`` (which already take in the values
    /// being added) fit in ``maxBuckets``; marks the sketch ``isTooWide`` when they do not.
    private mutating func fits() -> Bool {
        if !isTooWide { isTooWide = key(maximum) - key(minimum) + 1 > Self.maxBuckets }
        return !isTooWide
    }

    /// Grows the bucket array to cover keys `low...high`, with room to spare (within
    /// ``maxBuckets``) so that a slowly widening range does not copy the array every time.
    /// - Precondition: ``minimum`` and ``maximum`` include the new values, and their keys fit.
    private mutating func reserve(from low: Int, through high: Int) {
        if counts.isEmpty {
            offset = low
            counts = [Int](repeating: 0, count: high - low + 1)
            return
        }
        let first = Swift.min(low, offset)
        let last = Swift.max(high, offset + counts.count - 1)
        guard last - first + 1 <= Self.maxBuckets else {
            // The spare room would take the array past its bound: keep just the values' span.
            let spanFirst = key(minimum)
            let spanLast = key(maximum)
            var fresh = [Int](repeating: 0, count: spanLast - spanFirst + 1)
            let kept = Swift.max(offset, spanFirst)...Swift.min(offset + counts.count - 1, spanLast)
            for k in kept { fresh[k - spanFirst] = counts[k - offset] }
            offset = spanFirst
            counts = fresh
            return
        }
        if low < offset {
            let grow = offset - low + Swift.min(counts.count / 2, Self.maxBuckets - (last - first + 1))
            counts.insert(contentsOf: repeatElement(0, count: grow), at: 0)
            offset -= grow
        }
        if high >= offset + counts.count {
            let spare = Swift.min(counts.count / 2, Self.maxBuckets - (high - offset + 1))
            counts.append(contentsOf: repeatElement(0, count: high - (offset + counts.count) + 1 + spare))
        }
    }

    /// The finest accuracy `--accuracy` takes whose sketch of values from `low` to `high`
    /// fits in ``maxBuckets``: what a run that was too wide suggests. Nil when not even one
    /// bucket per octave fits.
    ///
    /// ``BucketMap`` finds the smallest shift of the bit pattern that fits; the sketch's
    /// buckets are the same keys, with 52 − shift mantissa bits.
    public static func accuracy(spanning low: Double, _ high: Double) -> Double? {
        let shift = Int(BucketMap(low: low, high: high, maxBuckets: maxBuckets).shift)
        guard shift <= 52 else { return nil }
        return Swift.max(bound(mantissaBits: 52 - shift), accuracies.lowerBound)
    }

    /// For each of `ranks` (0-based, below ``count``), the bucket holding the order statistic
    /// of that rank: its representative, clamped to the smallest and largest values, and its
    /// bounds, clamped likewise, which hold the true order statistic.
    /// - Complexity: O(buckets + ranks log ranks).
    public func orderStatistics(ranks: [Int]) -> [Int: (value: Double, lower: Double, upper: Double)] {
        precondition(ranks.allSatisfy { (0..<count).contains($0) })
        var result: [Int: (value: Double, lower: Double, upper: Double)] = [:]
        let sorted = Array(Set(ranks)).sorted()
        var next = 0
        var below = 0
        for (k, n) in counts.enumerated() where n > 0 {
            while next < sorted.count && sorted[next] < below + n {
                let (a, b) = bucket(offset + k)
                // 2ab/(a + b), in a form that cannot overflow near the largest doubles.
                let representative = a * (2 / (1 + a / b))
                result[sorted[next]] = (
                    Swift.min(Swift.max(representative, minimum), maximum),
                    Swift.max(a, minimum), Swift.min(b, maximum)
                )
                next += 1
            }
            below += n
            if next == sorted.count { break }
        }
        return result
    }

    /// Buckets the sketch holds, empty ones between the extremes included.
    public var bucketCount: Int { counts.count }
}

extension QuantileSketch: Equatable {
    /// Two sketches are equal when they count the same values in the same buckets, however
    /// much spare room their arrays have.
    public static func == (a: QuantileSketch, b: QuantileSketch) -> Bool {
        a.mantissaBits == b.mantissaBits && a.count == b.count && a.minimum == b.minimum && a.maximum == b.maximum
            && a.isTooWide == b.isTooWide
            && a.occupied.elementsEqual(b.occupied) { $0 == $1 }
    }

    /// The non-empty buckets, as (key, count), in order.
    public var occupied: [(key: Int, count: Int)] {
        counts.enumerated().filter { $0.element > 0 }.map { (offset + $0.offset, $0.element) }
    }
}

extension QuantileSketch {
    /// The share of the values at most `x`, to within one bucket: the values in every bucket
    /// up to and including `x`'s.
    public func fraction(atMost x: Double) -> Double {
        guard count > 0 else { return 0 }
        if x < minimum { return 0 }
        if x >= maximum { return 1 }
        let last = min(counts.count - 1, key(x) - offset)
        return Double(counts[...last].reduce(0, +)) / Double(count)
    }
}
