import Foundation

/// The count, sum, centred sum of squares and extremes of a block of output values, and how
/// many of them are not positive finite numbers: what the mean, its standard error and the
/// overflow check need, from vectorized passes over a block that is already in cache.
///
/// Sums that would overflow although every value is finite are kept scaled: ``sum`` is in
/// units of 2^``exponent`` and ``centered`` in units of 2^(2·``exponent``). The exponent is 0
/// until the largest value passes 2^``largestUnscaled``, so ordinary outputs are summed exactly
/// as without it; above that it keeps the scaled values at most 2^400, so that even 2^53 of
/// them sum, and square, within the range of `Double`. Scaling by a power of 2 is exact, so
/// the only rounding it adds is to values 2^1074 times smaller than the largest.
struct BlockMoments: Sendable, Equatable {
    var count = 0
    /// Σ x / 2^exponent.
    var sum = 0.0
    /// Σ (x − x̄)² / 2^(2·exponent), about the values' own mean, so that an output that barely
    /// varies keeps its spread (Σx² − (Σx)²/n would lose it to cancellation).
    var centered = 0.0
    /// The power of 2 ``sum`` and ``centered`` are scaled by (0 unless values are huge).
    var exponent = 0
    /// The smallest and largest value (+∞ and −∞ for no values).
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var invalid = 0

    /// The largest value summed without scaling: 2^400 (about 2.6e120).
    static let largestUnscaled = 400

    init() {}

    /// Moments from their parts, as a shard file stores them.
    init(count: Int, sum: Double, centered: Double, exponent: Int, minimum: Double, maximum: Double) {
        self.count = count
        self.sum = sum
        self.centered = centered
        self.exponent = exponent
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The moments of `count` values. Four lanes are summed in a fixed order, so the loops
    /// vectorize and the totals are the same on every run. Every value is a positive finite
    /// number exactly when the smallest is positive and the largest finite (a NaN makes the
    /// sum NaN); only otherwise are the values checked one by one.
    /// - Complexity: O(count).
    init(_ values: UnsafePointer<Double>, count: Int) {
        self.count = count
        var sums = SIMD4<Double>()
        var lows = SIMD4<Double>(repeating: .infinity)
        var highs = SIMD4<Double>(repeating: -.infinity)
        var i = 0
        while i + 4 <= count {
            let v = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
            sums += v
            lows.replace(with: v, where: v .< lows)
            highs.replace(with: v, where: v .> highs)
            i += 4
        }
        var sum = sums.sum()
        var low = lows.min()
        var high = highs.max()
        while i < count {
            sum += values[i]
            low = Swift.min(low, values[i])
            high = Swift.max(high, values[i])
            i += 1
        }
        minimum = low
        maximum = high
        exponent = Self.exponent(for: high)
        let scale = Double(sign: .plus, exponent: -exponent, significand: 1)
        if exponent != 0 {
            // Huge values: sum them again, scaled, in the same order.
            sums = SIMD4<Double>()
            i = 0
            while i + 4 <= count {
                sums += SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3]) * scale
                i += 4
            }
            sum = sums.sum()
            while i < count {
                sum += values[i] * scale
                i += 1
            }
        }
        self.sum = sum
        if !(low > 0 && high < .infinity && sum.isFinite) {
            for i in 0..<count where !(values[i] > 0 && values[i] < .infinity) { invalid += 1 }
        }

        guard count > 0 else { return }
        let mean = sum / Double(count)
        var squares = SIMD4<Double>()
        i = 0
        while i + 4 <= count {
            let d = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3]) * scale - mean
            squares += d * d
            i += 4
        }
        var centered = squares.sum()
        while i < count {
            centered += (values[i] * scale - mean) * (values[i] * scale - mean)
            i += 1
        }
        self.centered = centered
    }

    /// The scale exponent values up to `largest` need: 0 up to 2^``largestUnscaled``, then as
    /// much as brings `largest` to 2^400.
    static func exponent(for largest: Double) -> Int {
        largest.isFinite && largest > 0 && Int(largest.exponent) > largestUnscaled
            ? Int(largest.exponent) - largestUnscaled : 0
    }

    /// These moments scaled to `exponent` (at least their own).
    private func scaled(to exponent: Int) -> BlockMoments {
        guard exponent != self.exponent else { return self }
        var scaled = self
        let shift = self.exponent - exponent
        scaled.sum = Foundation.scalbn(sum, shift)
        scaled.centered = Foundation.scalbn(centered, 2 * shift)
        scaled.exponent = exponent
        return scaled
    }

    /// Adds `other`'s values to these (Chan, Golub and LeVeque's pairwise update):
    /// the centred sums add, plus δ² n₁ n₂ / (n₁ + n₂) for the gap δ between the two means,
    /// both first scaled to the larger of the two exponents.
    mutating func merge(_ other: BlockMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let common = Swift.max(exponent, other.exponent, Self.exponent(for: Swift.max(maximum, other.maximum)))
        self = scaled(to: common)
        let other = other.scaled(to: common)
        let n1 = Double(count)
        let n2 = Double(other.count)
        let delta = other.sum / n2 - sum / n1
        centered += other.centered + delta * delta * n1 * n2 / (n1 + n2)
        count += other.count
        sum += other.sum
        invalid += other.invalid
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// The mean of the values: exactly the value when all of them are equal.
    var mean: Double {
        if count > 0 && minimum == maximum { return minimum }
        return Foundation.scalbn(sum / Double(count), exponent)
    }

    /// The mean of the values, and its standard error s/√n: 0 when every value is equal,
    /// nil for fewer than two values or a spread beyond the range of `Double`.
    var meanAndStandardError: (mean: Double, standardError: Double?) {
        let n = Double(count)
        guard count >= 2 else { return (mean, nil) }
        if minimum == maximum { return (mean, 0) }
        let standardError = Foundation.scalbn((centered / (n - 1) / n).squareRoot(), exponent)
        return (mean, standardError.isFinite ? standardError : nil)
    }
}
