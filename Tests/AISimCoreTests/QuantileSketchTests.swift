import Foundation
import Testing

@testable import AISimCore

/// The quantile sketch against its definition: every order statistic it returns is within its
/// guaranteed relative error of the exact one (sorted values are the closed form), and merging
/// is exact. The bound is deterministic, so the only slack is rounding in 2ab/(a + b): a few
/// units in the last place, allowed as a relative 1e-14.
@Suite("Quantile sketch")
struct QuantileSketchTests {
    static let rounding = 1e-14

    /// Lognormal draws spanning many octaves, and the values where buckets are hardest to
    /// get right: powers of two and their neighbours, and (with `extremes`) the ends of the
    /// normal double range, which need 2^m buckets for each of their 2046 octaves.
    static func awkwardValues(extremes: Bool = true) -> [Double] {
        var values = draws(.lognormal(mu: 0, sigma: 5), count: 20_000, seed: 7)
        for e in -20...20 {
            let power = Double(sign: .plus, exponent: e, significand: 1)
            values += [power, power.nextUp, power.nextDown, power * 1.5]
        }
        return values
            + (extremes ? [Double.leastNormalMagnitude, 1e-300, 1e300, Double.greatestFiniteMagnitude / 4] : [])
    }

    static func sketch(_ values: [Double], accuracy: Double) -> QuantileSketch {
        var sketch = QuantileSketch(accuracy: accuracy)
        values.withUnsafeBufferPointer { sketch.add($0.baseAddress!, count: $0.count) }
        return sketch
    }

    @Test(
        "the bucket resolution is the coarsest that meets the accuracy asked for",
        arguments: [0.5, 0.1, 0.01, 0.001, 0.0005, 1e-5])
    func resolution(accuracy: Double) {
        let sketch = QuantileSketch(accuracy: accuracy)
        #expect(sketch.guaranteedAccuracy <= accuracy)
        if sketch.mantissaBits > 0 { #expect(QuantileSketch.bound(mantissaBits: sketch.mantissaBits - 1) > accuracy) }
    }

    @Test(
        "every order statistic is within the guaranteed accuracy, inside its bucket's bounds",
        arguments: [0.05, 0.001, 1e-5])
    func everyRank(accuracy: Double) {
        // At 1e-5 a sketch holds 32 octaves (QuantileSketch.maxBuckets); keep 30 of them.
        let values = Self.awkwardValues(extremes: accuracy >= 0.001).filter {
            accuracy >= 0.001 || (0x1p-15...0x1p15).contains($0)
        }
        let sorted = values.sorted()
        let sketch = Self.sketch(values, accuracy: accuracy)
        #expect(sketch.count == values.count && sketch.minimum == sorted.first && sketch.maximum == sorted.last)
        let found = sketch.orderStatistics(ranks: Array(sorted.indices))
        var worst = 0.0
        for (rank, exact) in sorted.enumerated() {
            let (value, lower, upper) = found[rank]!
            worst = max(worst, abs(value - exact) / exact)
            #expect(lower <= exact && exact <= upper, "rank \(rank): \(exact) outside [\(lower), \(upper)]")
        }
        #expect(worst <= sketch.guaranteedAccuracy * (1 + Self.rounding))
        #expect(worst > sketch.guaranteedAccuracy / 4, "the bound should be nearly reached by 20,000 values")
    }

    @Test("a sketch of one value returns it exactly")
    func single() {
        let sketch = Self.sketch([3.7], accuracy: 0.01)
        let found = sketch.orderStatistics(ranks: [0])[0]!
        #expect(found.value == 3.7 && found.lower == 3.7 && found.upper == 3.7)
    }

    @Test("merging parts in any order gives exactly the sketch of the whole")
    func merge() {
        let values = Self.awkwardValues()
        let whole = Self.sketch(values, accuracy: 0.001)
        let parts = [values[..<5000], values[5000..<5001], values[5001...]].map {
            Self.sketch(Array($0), accuracy: 0.001)
        }
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]] {
            var merged = QuantileSketch(accuracy: 0.001)
            for part in order { merged.merge(parts[part]) }
            #expect(merged == whole, "order \(order)")
            let ranks = [0, 1, 999, 10_000, values.count - 1]
            #expect(
                merged.orderStatistics(ranks: ranks).mapValues(\.value)
                    == whole.orderStatistics(ranks: ranks).mapValues(\.value))
        }
        var twice = whole
        twice.merge(whole)
        #expect(twice != whole && twice.count == 2 * whole.count)
    }

    @Test("a sketch rebuilt from its occupied span equals it, and inconsistent parts are refused")
    func parts() throws {
        let sketch = Self.sketch(Self.awkwardValues(), accuracy: 0.001)
        let (firstKey, counts) = sketch.occupiedSpan
        let rebuilt = try #require(
            QuantileSketch(
                accuracy: 0.001, firstKey: firstKey, counts: counts, minimum: sketch.minimum, maximum: sketch.maximum))
        #expect(rebuilt == sketch)
        #expect(
            QuantileSketch(
                accuracy: 0.01, firstKey: firstKey, counts: counts, minimum: sketch.minimum, maximum: sketch.maximum)
                == nil)
        #expect(
            QuantileSketch(
                accuracy: 0.001, firstKey: firstKey + 1, counts: counts, minimum: sketch.minimum,
                maximum: sketch.maximum) == nil)
        #expect(
            QuantileSketch(
                accuracy: 0.001, firstKey: firstKey, counts: counts, minimum: sketch.minimum * 2,
                maximum: sketch.maximum) == nil)
        #expect(
            QuantileSketch(
                accuracy: 0.001, firstKey: firstKey, counts: [-1] + counts.dropFirst(), minimum: sketch.minimum,
                maximum: sketch.maximum) == nil)
        #expect(QuantileSketch(accuracy: 0.001, firstKey: firstKey, counts: [], minimum: 1, maximum: 1) == nil)
    }

    @Test("at the default accuracy every positive normal double fits in the bucket limit")
    func defaultAccuracyFits() {
        let sketch = Self.sketch([Double.leastNormalMagnitude, 1, Double.greatestFiniteMagnitude], accuracy: 0.001)
        #expect(!sketch.isTooWide && sketch.count == 3)
        #expect(sketch.bucketCount <= QuantileSketch.maxBuckets)
    }

    @Test("a range wider than the limit marks the sketch too wide and stops it growing")
    func tooWide() {
        // 2^16 buckets per octave at 1e-5: 32 octaves fit, 40 do not.
        var sketch = Self.sketch([1, 0x1p31], accuracy: 1e-5)
        #expect(!sketch.isTooWide)
        let counted = sketch.count
        let wide: [Double] = [0x1p-5, 0x1p35]
        wide.withUnsafeBufferPointer { _ = sketch.add($0.baseAddress!, count: 2) }
        #expect(sketch.isTooWide)
        #expect(sketch.count == counted, "the refused block is not counted")
        #expect(sketch.minimum == 0x1p-5 && sketch.maximum == 0x1p35, "the range asked for is kept for the message")
        #expect(sketch.bucketCount <= QuantileSketch.maxBuckets)
        #expect(sketch.fittingAccuracy != nil)
    }

    @Test("a widening range grows the array with spare room, never past the limit")
    func growthStaysBounded() {
        var sketch = QuantileSketch(accuracy: 1e-5)
        var most = 0
        for step in 0..<40 {
            // Each block reaches a little further on both sides, up to 31.9 octaves in all.
            let block = [Double](arrayLiteral: exp2(-Double(step) * 0.4), exp2(Double(step) * 0.4))
            block.withUnsafeBufferPointer { _ = sketch.add($0.baseAddress!, count: 2) }
            most = max(most, sketch.bucketCount)
        }
        #expect(!sketch.isTooWide && sketch.count == 80)
        #expect(most <= QuantileSketch.maxBuckets)
        #expect(most > QuantileSketch.maxBuckets / 2, "the span itself needs most of the limit: \(most)")

    }

    @Test("a merge needs room for the values of both, not for the other's spare room")
    func mergeIgnoresSpareRoom() {
        // 1, then 2^16 (16 octaves, no spare yet), then a little more: the array grows by half
        // its size again, 8 octaves of spare room, to about 2^24.
        var spacious = Self.sketch([1], accuracy: 1e-5)
        for value in [0x1p16, exp2(16.01)] {
            [value].withUnsafeBufferPointer { _ = spacious.add($0.baseAddress!, count: 1) }
        }
        let low = Self.sketch([exp2(-8.5)], accuracy: 1e-5)
        // The values span 24.5 octaves and fit; with the spare room they would span 32.5.
        var merged = low
        merged.merge(spacious)
        var reversed = spacious
        reversed.merge(low)
        let whole = Self.sketch([exp2(-8.5), 1, 0x1p16, exp2(16.01)], accuracy: 1e-5)
        #expect(!merged.isTooWide && merged == whole && reversed == whole)
        #expect(merged.bucketCount <= QuantileSketch.maxBuckets && reversed.bucketCount <= QuantileSketch.maxBuckets)
    }

    @Test("two sketches that fit can merge into one that does not")
    func mergeTooWide() {
        var low = Self.sketch([0x1p-20, 0x1p8], accuracy: 1e-5)
        let high = Self.sketch([0x1p8, 0x1p20], accuracy: 1e-5)
        #expect(!low.isTooWide && !high.isTooWide)
        low.merge(high)
        #expect(low.isTooWide && low.minimum == 0x1p-20 && low.maximum == 0x1p20)
        var other = QuantileSketch(accuracy: 1e-5)
        other.merge(low)
        #expect(other.isTooWide, "a merge with a sketch that is too wide is too wide")
    }

    @Test(
        "the accuracy suggested for a range is the finest whose sketch of it fits",
        arguments: [
            (1.0, 0x1p31), (1e-56, 3e66), (0.5, 3.0), (1e-300, 1e300),
        ])
    func suggestedAccuracy(low: Double, high: Double) throws {
        let fitting = try #require(QuantileSketch.accuracy(spanning: low, high))
        let fits = Self.sketch([low, high], accuracy: fitting)
        #expect(!fits.isTooWide)
        // The next finer resolution (twice the buckets per octave) would not fit, or is finer
        // than aisim offers.
        let finer = QuantileSketch.bound(mantissaBits: fits.mantissaBits + 1)
        if QuantileSketch.accuracies.contains(finer) {
            #expect(Self.sketch([low, high], accuracy: finer).isTooWide, "\(finer)")
        }
        // The rounded suggestion the error prints keeps the same resolution.
        var wide = Self.sketch([low], accuracy: 1e-5)
        [high].withUnsafeBufferPointer { _ = wide.add($0.baseAddress!, count: 1) }
        if wide.isTooWide {
            let text = try #require(wide.fittingAccuracy)
            let suggested = try #require(Double(text))
            #expect(QuantileSketch(accuracy: suggested).mantissaBits == fits.mantissaBits)
        }
    }
}
