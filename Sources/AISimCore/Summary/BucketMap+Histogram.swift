extension BucketMap {
    /// The map over `values`' range, from their smallest to their largest, with at most
    /// `maxBuckets` buckets, and how many of the values fall in each of its buckets.
    ///
    /// Two passes: the range (compares and selects, which vectorize), then the counts.
    /// - Precondition: every value is a positive finite number.
    /// - Complexity: O(values + buckets).
    static func histogram(of values: UnsafeBufferPointer<Double>, maxBuckets: Int) -> (map: BucketMap, counts: [Int]) {
        var low = Double.infinity
        var high = -Double.infinity
        for v in values {
            low = v < low ? v : low
            high = v > high ? v : high
        }
        let map = BucketMap(low: low, high: high, maxBuckets: maxBuckets)
        var counts = [Int](repeating: 0, count: map.count)
        counts.withUnsafeMutableBufferPointer { counts in
            for v in values { counts[map.bucket(v)] &+= 1 }
        }
        return (map, counts)
    }
}
