@testable import AISimCore
import Foundation
import Testing

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
        return values + (extremes ? [Double.leastNormalMagnitude, 1e-300, 1e300, Double.greatestFiniteMagnitude / 4] : [])
    }

    static func sketch(_ values: [Double], accuracy: Double) -> QuantileSketch {
        var sketch = QuantileSketch(accuracy: accuracy)
        values.withUnsafeBufferPointer { sketch.add($0.baseAddress!, count: $0.count) }
        return sketch
    }

    @Test("the bucket resolution is the coarsest that meets the accuracy asked for",
          arguments: [0.5, 0.1, 0.01, 0.001, 0.0005, 1e-5])
    func resolution(accuracy: Double) {
        let sketch = QuantileSketch(accuracy: accuracy)
        #expect(sketch.guaranteedAccuracy <= accuracy)
        if sketch.mantissaBits > 0 { #expect(QuantileSketch.bound(mantissaBits: sketch.mantissaBits - 1) > accuracy) }
    }

    @Test("every order statistic is within the guaranteed accuracy, inside its bucket's bounds",
          arguments: [0.05, 0.001, 1e-5])
    func everyRank(accuracy: Double) {
        let values = Self.awkwardValues(extremes: accuracy >= 0.001)
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
        let parts = [values[..<5000], values[5000..<5001], values[5001...]].map { Self.sketch(Array($0), accuracy: 0.001) }
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]] {
            var merged = QuantileSketch(accuracy: 0.001)
            for part in order { merged.merge(parts[part]) }
            #expect(merged == whole, "order \(order)")
            let ranks = [0, 1, 999, 10_000, values.count - 1]
            #expect(merged.orderStatistics(ranks: ranks).mapValues(\.value) == whole.orderStatistics(ranks: ranks).mapValues(\.value))
        }
        var twice = whole
        twice.merge(whole)
        #expect(twice != whole && twice.count == 2 * whole.count)
    }

    @Test("a sketch rebuilt from its occupied span equals it, and inconsistent parts are refused")
    func parts() throws {
        let sketch = Self.sketch(Self.awkwardValues(), accuracy: 0.001)
        let (firstKey, counts) = sketch.occupiedSpan
        let rebuilt = try #require(QuantileSketch(accuracy: 0.001, firstKey: firstKey, counts: counts, minimum: sketch.minimum, maximum: sketch.maximum))
        #expect(rebuilt == sketch)
        #expect(QuantileSketch(accuracy: 0.01, firstKey: firstKey, counts: counts, minimum: sketch.minimum, maximum: sketch.maximum) == nil)
        #expect(QuantileSketch(accuracy: 0.001, firstKey: firstKey + 1, counts: counts, minimum: sketch.minimum, maximum: sketch.maximum) == nil)
        #expect(QuantileSketch(accuracy: 0.001, firstKey: firstKey, counts: counts, minimum: sketch.minimum * 2, maximum: sketch.maximum) == nil)
        #expect(QuantileSketch(accuracy: 0.001, firstKey: firstKey, counts: [-1] + counts.dropFirst(), minimum: sketch.minimum, maximum: sketch.maximum) == nil)
        #expect(QuantileSketch(accuracy: 0.001, firstKey: firstKey, counts: [], minimum: 1, maximum: 1) == nil)
    }
}
