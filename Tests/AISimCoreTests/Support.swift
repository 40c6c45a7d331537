import AISimCore
import CGSL
import Foundation

/// The repository's root, for tests that read files beside the sources.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

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
    var m2 = 0.0
    var m4 = 0.0
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

/// The closed form of an all-lognormal prior (`distributions/all-lognormal.toml`, or any prior
/// whose inputs are all lognormals or points): parallel tokens/s P and streams S are then
/// lognormal, since from MODEL.md's equations
/// P = ps · ds · (wf · share · tf · r · H)^½ / (if · (Y · T)^½), with Y the seconds per year,
/// and S = P / v. `logP` and `logS` are the mean and standard deviation of their logarithms.
struct ClosedForm {
    let logP: (mean: Double, sd: Double)
    let logS: (mean: Double, sd: Double)

    static let exponents: [Input: Double] = [
        .worldFlops: 0.5, .aiShare: 0.5, .trainingYears: -0.5, .horizon: 0.5, .tokensPerParam: 0.5,
        .trainFlopPerParamToken: 0.5, .inferFlopPerParamToken: -1, .precisionSpeedup: 1, .distillationSpeedup: 1,
    ]

    init(_ prior: Prior) {
        func law(_ input: Input) -> (mu: Double, sigma: Double) {
            switch prior[input].distribution {
            case .lognormal(let mu, let sigma): return (mu, sigma)
            case .point(let x): return (log(x), 0)
            default: preconditionFailure("\(input.spec.name) is neither lognormal nor a point")
            }
        }
        let mean = -0.5 * log(Model.secondsPerYear) + Self.exponents.reduce(0) { $0 + $1.value * law($1.key).mu }
        let variance = Self.exponents.reduce(0) { $0 + $1.value * $1.value * law($1.key).sigma * law($1.key).sigma }
        let serial = law(.serialTokensPerS)
        logP = (mean, variance.squareRoot())
        logS = (mean - serial.mu, (variance + serial.sigma * serial.sigma).squareRoot())
    }

    /// The law of log `output` (parallel tokens/s or streams).
    func law(_ output: Output) -> (mean: Double, sd: Double) {
        switch output {
        case .parallelTokensPerS: logP
        case .streams: logS
        default: preconditionFailure("the closed form covers parallel_tokens_per_s and streams")
        }
    }

    /// The true `q`-quantile (0 < q < 1) of `output`.
    func quantile(_ output: Output, _ q: Double) -> Double {
        let law = law(output)
        return exp(law.mean + law.sd * gsl_cdf_ugaussian_Pinv(q))
    }
}
