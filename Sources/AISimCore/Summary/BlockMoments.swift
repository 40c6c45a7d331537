/// The count, sum and centred sum of squares of a block of output values, and how many of them
/// are not positive finite numbers: what the mean, its standard error and the overflow check
/// need, from two vectorized passes over a block that is already in cache.
struct BlockMoments: Sendable, Equatable {
    var count = 0
    var sum = 0.0
    /// Σ (x − x̄)² about the block's own mean, so that an output that barely varies keeps its
    /// spread (Σx² − (Σx)²/n would lose it to cancellation).
    var centered = 0.0
    var invalid = 0

    init() {}

    /// Moments from their parts, as a shard file stores them.
    init(count: Int, sum: Double, centered: Double) {
        self.count = count
        self.sum = sum
        self.centered = centered
    }

    /// The moments of `count` values. Four lanes are summed in a fixed order, so the loops
    /// vectorize and the totals are the same on every run. Every value is a positive finite
    /// number exactly when the smallest is positive and the sum finite (a NaN or an infinity
    /// makes the sum NaN or infinite); only otherwise are the values checked one by one.
    /// - Complexity: O(count).
    init(_ values: UnsafePointer<Double>, count: Int) {
        self.count = count
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
        self.sum = sum
        if !(low > 0 && sum.isFinite) {
            for i in 0..<count where !(values[i] > 0 && values[i] < .infinity) { invalid += 1 }
        }

        guard count > 0 else { return }
        let mean = sum / Double(count)
        var squares = SIMD4<Double>()
        i = 0
        while i + 4 <= count {
            let d = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3]) - mean
            squares += d * d
            i += 4
        }
        var centered = squares.sum()
        while i < count {
            centered += (values[i] - mean) * (values[i] - mean)
            i += 1
        }
        self.centered = centered
    }

    /// Adds `other`'s values to these (Chan, Golub and LeVeque's pairwise update):
    /// the centred sums add, plus δ² n₁ n₂ / (n₁ + n₂) for the gap δ between the two means.
    mutating func merge(_ other: BlockMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let n1 = Double(count), n2 = Double(other.count)
        let delta = other.sum / n2 - sum / n1
        centered += other.centered + delta * delta * n1 * n2 / (n1 + n2)
        count += other.count
        sum += other.sum
        invalid += other.invalid
    }

    /// The mean of the values, and its standard error s/√n (nil for fewer than two values,
    /// or a spread beyond the range of `Double`).
    var meanAndStandardError: (mean: Double, standardError: Double?) {
        let n = Double(count)
        guard count >= 2 else { return (sum / n, nil) }
        let standardError = (centered / (n - 1) / n).squareRoot()
        return (sum / n, standardError.isFinite ? standardError : nil)
    }
}
