import AISimCore
import Foundation

/// The repository's root, for tests that read files beside the sources.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A prior from TOML text, failing the test with the parser's message if it does not parse.
func prior(_ text: String, source: String = "test.toml") throws -> Prior {
    try Prior.parse(text, source: source)
}

/// The prior file `name` under distributions/.
func shippedPrior(_ name: String) throws -> Prior {
    try Prior.load(path: repositoryRoot.appendingPathComponent("distributions/\(name)").path)
}

/// `n` draws from `distribution` with a generator seeded by `seed`.
func draws(_ distribution: Distribution, count n: Int, seed: UInt32 = 12345) -> [Double] {
    let generator = Generator(seed: seed)
    var values = [Double](repeating: 0, count: n)
    values.withUnsafeMutableBufferPointer { distribution.fill($0.baseAddress!, count: n, using: generator) }
    return values
}

/// Sample mean, variance (n − 1 denominator) and fourth central moment.
func moments(_ x: [Double]) -> (mean: Double, variance: Double, fourth: Double) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    var m2 = 0.0, m4 = 0.0
    for v in x {
        let d = (v - mean) * (v - mean)
        m2 += d
        m4 += d * d
    }
    return (mean, m2 / (n - 1), m4 / n)
}

/// The Kolmogorov-Smirnov statistic D = sup |F_n(x) − F(x)| of a sample against a CDF.
func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = sample.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return d
}

/// The KS critical value at significance 0.001 for a sample of `n`: c(α)/√n with
/// c(α) = √(−ln(α/2)/2) = 1.9495.
func ksCritical(_ n: Int) -> Double { (-log(0.0005) / 2).squareRoot() / Double(n).squareRoot() }

/// `x` rounded to five significant digits, as text: "3.0832e+07".
func fiveFigures(_ x: Double) -> String { String(format: "%.4e", x) }
