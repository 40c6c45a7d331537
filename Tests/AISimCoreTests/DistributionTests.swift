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
            let mu = 0.5 * (log(2e21) + log(8e21)), sigma = (log(8e21) - log(2e21)) / (2 * gsl_cdf_ugaussian_Pinv(0.95))
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
    ]

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
        #expect(abs(m.mean - distribution.mean) <= 4 * (distribution.variance / n).squareRoot(),
                "mean \(m.mean) vs \(distribution.mean)")
        // Var(s²) ≈ (μ₄ − σ⁴) / n, with μ₄ estimated from the sample.
        let varianceError = ((m.fourth - m.variance * m.variance) / n).squareRoot()
        #expect(abs(m.variance - distribution.variance) <= 4 * varianceError,
                "variance \(m.variance) vs \(distribution.variance)")
    }

    @Test("quantile inverts cdf", arguments: cases)
    func quantileInvertsCDF(_ c: Case) throws {
        let distribution = try DistributionParser.parse(c.text)
        for p in [0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999] {
            #expect(abs(distribution.cdf(distribution.quantile(p)) - p) < 1e-9)
        }
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
