import CGSL
import Foundation
import Testing

@testable import AISimCore
@testable import AISimReport

/// LogHistogram.swift: a log-binned histogram of a sketch against the closed form.
@Suite("Log-binned histograms")
struct LogHistogramTests {
    /// A lognormal's log10 is normal with mean μ/ln 10 and sd σ/ln 10, so each bin's expected
    /// count is n (Φ(b) − Φ(a)) for its edges a and b in log10. Counts are binomial, so each
    /// may differ by a few √(expected); five is a bound a correct histogram all but never
    /// exceeds over 64 bins (p ≈ 4e-5), while a bin off by one position misses by far more.
    @Test("a log-binned histogram of lognormal draws matches the closed form, bin by bin")
    func lognormal() {
        let mu = 20.0
        let sigma = 1.5
        let n = 1_000_000
        var values = [Double](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer {
            Distribution.lognormal(mu: mu, sigma: sigma).fill($0.baseAddress!, count: n, using: Generator(seed: 99))
        }
        var sketch = QuantileSketch(accuracy: SimulationOptions.histogramAccuracy)
        values.withUnsafeBufferPointer { _ = sketch.add($0.baseAddress!, count: n) }
        let histogram = LogHistogram(sketch, bins: 64)
        #expect(abs(histogram.counts.reduce(0, +) + histogram.below + histogram.above - Double(n)) < 1e-6 * Double(n))
        let outside = histogram.below + histogram.above
        #expect(outside > 0.001 * Double(n) && outside < 0.004 * Double(n), "about 0.2% beyond p0.1 and p99.9")
        let m = mu / M_LN10
        let s = sigma / M_LN10
        for (i, count) in histogram.counts.enumerated() {
            let a = histogram.lower + Double(i) * histogram.binWidth
            let b = a + histogram.binWidth
            let expected = Double(n) * (gsl_cdf_gaussian_P(b - m, s) - gsl_cdf_gaussian_P(a - m, s))
            #expect(
                abs(count - expected) <= 5 * expected.squareRoot() + 0.01 * expected,
                "bin \(i): \(count) vs \(expected)")
        }
        let share = (0..<64).reduce(0.0) { $0 + histogram.density($1) * histogram.binWidth }
        #expect(abs(share - (1 - outside / Double(n))) < 1e-9)
    }

    /// P(X ≥ x) at each bin edge is the share of trials from there up: binomial, with standard
    /// error √(p(1 − p)/n); five of them (and 0.002 for the bucket a count is shared within)
    /// bound a correct curve, and the curve's ends are the trials beyond the axis exactly.
    @Test("the exceedance curve of lognormal draws is 1 − Φ at every bin edge, and exact at the ends")
    func exceedance() {
        let mu = 20.0
        let sigma = 1.5
        let n = 200_000
        var values = [Double](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer {
            Distribution.lognormal(mu: mu, sigma: sigma).fill($0.baseAddress!, count: n, using: Generator(seed: 5))
        }
        var sketch = QuantileSketch(accuracy: SimulationOptions.histogramAccuracy)
        values.withUnsafeBufferPointer { _ = sketch.add($0.baseAddress!, count: n) }
        let histogram = LogHistogram(sketch, bins: 64)
        #expect(abs(histogram.exceedance(atEdge: 0) - (1 - histogram.below / Double(n))) < 1e-12)
        #expect(abs(histogram.exceedance(atEdge: 64) - histogram.above / Double(n)) < 1e-12)
        for i in 0...64 {
            let edge = histogram.lower + Double(i) * histogram.binWidth
            let expected = gsl_cdf_gaussian_Q(edge * M_LN10 - mu, sigma)
            let tolerance = 5 * (expected * (1 - expected) / Double(n)).squareRoot() + 0.002
            #expect(abs(histogram.exceedance(atEdge: i) - expected) <= tolerance, "edge \(i)")
            if i > 0 { #expect(histogram.exceedance(atEdge: i) <= histogram.exceedance(atEdge: i - 1)) }
        }
    }

    @Test("a histogram knows when every trial has one value, and only then")
    func onlyValue() {
        var point = QuantileSketch(accuracy: SimulationOptions.histogramAccuracy)
        var spread = point
        let same = [Double](repeating: 3.0832e7, count: 100)
        same.withUnsafeBufferPointer { _ = point.add($0.baseAddress!, count: $0.count) }
        let close = same + [(3.0832e7).nextUp]
        close.withUnsafeBufferPointer { _ = spread.add($0.baseAddress!, count: $0.count) }
        #expect(LogHistogram(point, bins: 8).onlyValue == 3.0832e7)
        #expect(LogHistogram(spread, bins: 8).onlyValue == nil)
    }
}
