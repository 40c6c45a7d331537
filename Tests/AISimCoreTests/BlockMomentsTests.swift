import Foundation
import Testing

@testable import AISimCore

/// BlockMoments.swift: the mean and its standard error never overflow when the values do not,
/// equal values give their exact mean and a standard error of 0, and ordinary values are
/// summed exactly as before scaling existed.
@Suite("Block moments")
struct BlockMomentsTests {
    static func moments(_ values: [Double], blocks: Int = 1) -> BlockMoments {
        let size = (values.count + blocks - 1) / blocks
        var total = BlockMoments()
        for start in stride(from: 0, to: values.count, by: size) {
            let block = Array(values[start..<min(values.count, start + size)])
            block.withUnsafeBufferPointer { total.merge(BlockMoments($0.baseAddress!, count: block.count)) }
        }
        return total
    }

    @Test("values near the top of Double: the mean and standard error are finite and right", arguments: [1, 4, 16])
    func huge(blocks: Int) {
        // 1,000 values spread over [0.5, 1.5] × 1e308: their sum is far beyond Double.
        let values = (0..<1000).map { (0.5 + Double($0) / 999) * 1e308 }
        let (mean, standardError) = Self.moments(values, blocks: blocks).meanAndStandardError
        // The exact mean is 1e308; the sample sd of an even grid with spacing h is h·√(n(n+1)/12).
        #expect(abs(mean / 1e308 - 1) < 1e-13)
        let sd = 1e308 / 999 * (1000.0 * 1001 / 12).squareRoot()
        #expect(abs(standardError! / (sd / 1000.0.squareRoot()) - 1) < 1e-12)
    }

    @Test("values that differ by 1e300 in one block and across blocks")
    func mixedScales() {
        let values = [1e-5, 3.0, 1.7e308, 2e6] + [Double](repeating: 1e8, count: 60)
        let whole = Self.moments(values).meanAndStandardError
        let parts = Self.moments(values, blocks: 8).meanAndStandardError
        #expect(abs(whole.mean / (1.7e308 / 64) - 1) < 1e-12 && abs(parts.mean / whole.mean - 1) < 1e-12)
        #expect(whole.standardError!.isFinite && parts.standardError!.isFinite)
    }

    @Test(
        "equal values: the mean is the value exactly and the standard error 0",
        arguments: [3.0832493159341957e7, 0.1, 7e300, 5e-300])
    func constant(value: Double) {
        let moments = Self.moments([Double](repeating: value, count: 5000), blocks: 7)
        #expect(moments.meanAndStandardError.mean == value)
        #expect(moments.meanAndStandardError.standardError == 0)
    }

    @Test("ordinary values are summed unscaled, so the sum is the plain four-lane sum")
    func unscaled() {
        let values = (1...1024).map { Double($0) * 1.1e20 }
        let moments = Self.moments(values)
        #expect(moments.exponent == 0)
        var lanes = SIMD4<Double>()
        for i in stride(from: 0, to: 1024, by: 4) {
            lanes += SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
        }
        #expect(moments.sum == lanes.sum())
    }

    @Test("an invalid value is counted whatever the scale", arguments: [Double.nan, .infinity, 0, -1])
    func invalid(value: Double) {
        #expect(Self.moments([1e300, value, 1.5e308, 2]).invalid == 1)
    }
}
