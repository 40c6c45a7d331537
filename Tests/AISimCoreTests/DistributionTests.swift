import AISimCore
import CGSL
import Foundation
import Testing

/// Each family's sampler against GSL's CDF (Kolmogorov-Smirnov) and against its closed-form
/// mean and variance. Seeds are fixed; tolerances come from the sampling error: the KS
/// critical value at α = 0.001, and 4 standard errors for the mean and variance.
@Suite("Distribution samplers")
struct DistributionTests {
    static let n = 100_000

    /// A family, its parameters and GSL's CDF for it, written out here rather than taken from
    /// `Distribution.cdf`, so the test checks the sampler against GSL directly.
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let gslCDF: @Sendable (Double) -> Double
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "lognormal(1, 0.5)") { gsl_cdf_lognormal_P($0, 1, 0.5) },
        Case(text: "2e21 to 8e21") { x in
            let mu = 0.5 * (log(2e21) + log(8e21))
            let sigma = (log(8e21) - log(2e21)) / (2 * gsl_cdf_ugaussian_Pinv(0.95))
            return gsl_cdf_lognormal_P(x, mu, sigma)
        },
        Case(text: "normal(40, 10)") { gsl_cdf_gaussian_P($0 - 40, 10) },
        Case(text: "uniform(0.1, 0.5)") { gsl_cdf_flat_P($0, 0.1, 0.5) },
        Case(text: "loguniform(1, 1000)") { gsl_cdf_flat_P(log($0), 0, log(1000)) },
        Case(text: "beta(2, 5)") { gsl_cdf_beta_P($0, 2, 5) },
        Case(text: "beta(0.5, 0.5)") { gsl_cdf_beta_P($0, 0.5, 0.5) },
        // GSL has no triangular distribution: this is its closed-form CDF.
        Case(text: "triangular(1, 2, 5)") { x in
            x <= 1 ? 0 : x >= 5 ? 1 : x <= 2 ? (x - 1) * (x - 1) / (4 * 1) : 1 - (5 - x) * (5 - x) / (4 * 3)
        },
        Case(text: "triangular(0, 0, 1)") { x in x <= 0 ? 0 : x >= 1 ? 1 : 1 - (1 - x) * (1 - x) },
        Case(text: "gamma(2, 3)") { gsl_cdf_gamma_P($0, 2, 3) },
        Case(text: "gamma(0.5, 1)") { gsl_cdf_gamma_P($0, 0.5, 1) },
        // PERT(1, 2, 5) is 1 + 4 Beta(2, 4).
        Case(text: "pert(1, 2, 5)") { gsl_cdf_beta_P(($0 - 1) / 4, 2, 4) },
        Case(text: "mixture(0.3: normal(0, 1), 0.7: lognormal(1, 0.5))") {
            0.3 * gsl_cdf_ugaussian_P($0) + ($0 <= 0 ? 0 : 0.7 * gsl_cdf_lognormal_P($0, 1, 0.5))
        },
        Case(text: "truncate(normal(40, 10), 20, 45)") {
            $0 <= 20
                ? 0
                : $0 >= 45
                    ? 1
                    : (gsl_cdf_ugaussian_P(($0 - 40) / 10) - gsl_cdf_ugaussian_P(-2))
                        / (gsl_cdf_ugaussian_P(0.5) - gsl_cdf_ugaussian_P(-2))
        },
        // Far in the upper tail, where the truncation samples through GSL's upper-tail inverse.
        Case(text: "truncate(normal(0, 1), 3, 5)") {
            $0 <= 3
                ? 0
                : $0 >= 5
                    ? 1
                    : (gsl_cdf_ugaussian_Q(3) - gsl_cdf_ugaussian_Q($0))
                        / (gsl_cdf_ugaussian_Q(3) - gsl_cdf_ugaussian_Q(5))
        },
        Case(text: "truncate(mixture(0.5: uniform(0, 2), 0.5: uniform(1, 3)), 0.5, 2.5)") { x in
            // Density 1/4 on (0.5, 1) and (2, 2.5), 1/2 on (1, 2); mass 1.5/2 = 0.75 in range.
            x <= 0.5
                ? 0
                : x >= 2.5 ? 1 : (x <= 1 ? (x - 0.5) / 4 : x <= 2 ? 0.125 + (x - 1) / 2 : 0.625 + (x - 2) / 4) / 0.75
        },
        // A metalog through symmetric points has no skew term: it is the logistic, with scale
        // (95th − median) / ln 19; with lower=0 it is the log-logistic.
        Case(text: "quantiles(5: 10, 50: 20, 95: 30)") { gsl_cdf_logistic_P($0 - 20, 10 / log(19)) },
        Case(text: "quantiles(5: 2, 50: 4, 95: 8, lower=0)") {
            $0 <= 0 ? 0 : gsl_cdf_logistic_P(log($0) - log(4), log(2) / log(19))
        },
    ]

    /// A beta of tiny shapes puts much of its mass below 2^-1075, where a draw is 0: the share
    /// of zero draws must match that mass (24% for beta(0.001, 0.001)) within 4.5 binomial
    /// standard errors; GSL's own sampler gave 30%.
    @Test(
        "tiny-shape beta draws are 0 exactly as often as the law puts mass below the smallest double",
        arguments: [
            (0.001, 0.001), (0.01, 0.5), (0.02, 2.0),
        ])
    func tinyBeta(a: Double, b: Double) {
        let n = 100_000
        let zeros = Double(draws(.beta(a: a, b: b), count: n, seed: 21).filter { $0 == 0 }.count) / Double(n)
        let mass = Distribution.beta(a: a, b: b).mass(outside: .positive)
        #expect(
            abs(zeros - mass) <= 4.5 * (mass * (1 - mass) / Double(n)).squareRoot() + 1e-9, "\(zeros) against \(mass)")
    }

    @Test("samples follow GSL's CDF (KS at α = 0.001)", arguments: cases)
    func kolmogorovSmirnovTest(_ c: Case) throws {
        let distribution = try DistributionParser.parse(c.text)
        let sample = draws(distribution, count: Self.n)
        let d = kolmogorovSmirnov(sample, cdf: c.gslCDF)
        #expect(d < ksCritical(Self.n), "D = \(d)")
        // The CDF aisim reports (for `check` and error messages) is the same function.
        for x in sample.prefix(100) { #expect(abs(distribution.cdf(x) - c.gslCDF(x)) < 1e-12) }
    }

    @Test("sample mean and variance match the closed form within 4 standard errors", arguments: cases)
    func meanAndVariance(_ c: Case) throws {
        let distribution = try DistributionParser.parse(c.text)
        let sample = draws(distribution, count: Self.n, seed: 99)
        let m = moments(sample)
        let n = Double(Self.n)
        #expect(
            abs(m.mean - distribution.mean) <= 4 * (distribution.variance / n).squareRoot(),
            "mean \(m.mean) vs \(distribution.mean)")
        // Var(s²) ≈ (μ₄ − σ⁴) / n, with μ₄ estimated from the sample.
        let varianceError = ((m.fourth - m.variance * m.variance) / n).squareRoot()
        #expect(
            abs(m.variance - distribution.variance) <= 4 * varianceError,
            "variance \(m.variance) vs \(distribution.variance)")
    }

    @Test("quantile inverts cdf", arguments: cases)
    func quantileInvertsCDF(_ c: Case) throws {
        let distribution = try DistributionParser.parse(c.text)
        for p in [0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999] {
            #expect(abs(distribution.cdf(distribution.quantile(p)) - p) < 1e-9, "p = \(p)")
        }
    }

    @Test("integrated moments match the closed forms of a truncated normal and a logistic metalog")
    func integratedMoments() throws {
        // Truncated normal N(40, 10²) on [20, 45]: α = −2, β = 0.5, Z = Φ(β) − Φ(α).
        let alpha = -2.0
        let beta = 0.5
        let z = gsl_cdf_ugaussian_P(beta) - gsl_cdf_ugaussian_P(alpha)
        let phiA = gsl_ran_ugaussian_pdf(alpha)
        let phiB = gsl_ran_ugaussian_pdf(beta)
        let mean = 40 + 10 * (phiA - phiB) / z
        let variance = 100 * (1 + (alpha * phiA - beta * phiB) / z - pow((phiA - phiB) / z, 2))
        let truncated = try DistributionParser.parse("truncate(normal(40, 10), 20, 45)")
        #expect(abs(truncated.mean - mean) < 1e-8)
        #expect(abs(truncated.variance - variance) < 1e-7)
        // The logistic with scale s has variance s²π²/3.
        let logistic = try DistributionParser.parse("quantiles(5: 10, 50: 20, 95: 30)")
        let s = 10 / log(19.0)
        #expect(abs(logistic.mean - 20) < 1e-8)
        #expect(abs(logistic.variance - s * s * .pi * .pi / 3) < 1e-6)
        // The log-logistic with median m and shape s: mean m·πs / sin(πs), and
        // E[X²] = m²·2πs / sin(2πs), for s < 1/2; for s ≥ 1 the mean is infinite.
        let logLogistic = try DistributionParser.parse("quantiles(5: 2, 50: 4, 95: 8, lower=0)")
        let t = log(2.0) / log(19.0)
        let llMean = 4 * .pi * t / sin(.pi * t)
        let llSquare = 16 * 2 * .pi * t / sin(2 * .pi * t)
        #expect(abs(logLogistic.mean / llMean - 1) < 1e-8)
        #expect(abs(logLogistic.variance / (llSquare - llMean * llMean) - 1) < 1e-6)
        #expect(try DistributionParser.parse("quantiles(5: 1, 50: 10, 95: 1000, lower=0)").mean == .infinity)
    }

    @Test("\"a to b\" puts 5% of samples below a and 5% above b")
    func ninetyPercentInterval() throws {
        let n = 400_000
        for (a, b) in [(2e21, 8e21), (0.25, 1.25), (1.0, 100.0)] {
            let sample = draws(try DistributionParser.parse("\(a) to \(b)"), count: n, seed: 2024)
            let tolerance = 4 * (0.05 * 0.95 / Double(n)).squareRoot()
            let below = Double(sample.filter { $0 < a }.count) / Double(n)
            let above = Double(sample.filter { $0 > b }.count) / Double(n)
            #expect(abs(below - 0.05) < tolerance, "\(below) below \(a)")
            #expect(abs(above - 0.05) < tolerance, "\(above) above \(b)")
        }
    }

    @Test("a point value fills every slot")
    func point() {
        #expect(draws(.point(4e21), count: 10).allSatisfy { $0 == 4e21 })
    }

    @Test("the same generator seed gives the same draws; another seed does not")
    func seeding() throws {
        let d = try DistributionParser.parse("normal(0, 1)")
        #expect(draws(d, count: 100, seed: 5) == draws(d, count: 100, seed: 5))
        #expect(draws(d, count: 100, seed: 5) != draws(d, count: 100, seed: 6))
    }
}
