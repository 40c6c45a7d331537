import CGSL
import Foundation
import Testing

@testable import AISimCore

/// QuantileTable.swift: the copula's tabulated x(z) = F⁻¹(Φ(z)) against GSL's CDF.
///
/// At 20,001 normal scores spread over [−7.034, 7.034] (p from 1e-12 to 1 − 1e-12), placed
/// off the table's nodes, x̂ must give back the tail probability q = min(p, 1 − p) to 1e-9
/// relative, plus what moving x̂ by 2 ulps moves that tail by (the rounding of x itself, which
/// bounds the exact quantile too). Linear instead of cubic interpolation, or a wrong slope,
/// misses by 1e-6 or more.
@Suite("Quantile table")
struct QuantileTableTests {
    /// The normal scores checked: an odd count over a width that is no multiple of the cells'.
    static let scores = (0...20000).map { -7.034 + 14.068 * Double($0) / 20000 }

    /// The worst of |tail(x̂) − q| / (1e-9 q + allowance) over `scores` with |z| below `limit`,
    /// where tail is P(X ≤ x) below the median and `upper` above it, with `floor` added above the
    /// median; at most 1 passes.
    static func worst(
        _ d: Distribution, limit: Double = .infinity, floor: Double = 0, upper: (Double) -> Double
    ) -> (ratio: Double, z: Double) {
        let table = QuantileTable(d)
        var worst = (ratio: 0.0, z: 0.0)
        for z in scores where abs(z) < limit {
            let x = table.value(atNormalScore: z)
            let q = gsl_cdf_ugaussian_P(-abs(z))
            let tail = z <= 0 ? d.cdf : upper
            let step = 2 * x.magnitude.ulp
            let allowance = abs(tail(x + step) - tail(x - step))
            let ratio = abs(tail(x) - q) / (QuantileTable.bound * q + allowance + (z > 0 ? floor : 0))
            if !(ratio <= worst.ratio) { worst = (ratio, z) }
        }
        return worst
    }

    @Test(
        "the table gives p back to 1e-9 of min(p, 1 − p) by GSL's CDF, for p in (1e-12, 1 − 1e-12)",
        arguments: [
            "beta(0.5, 0.5)", "beta(2, 6)", "beta(50, 2)", "beta(0.05, 3)", "gamma(0.3, 1)", "gamma(20, 3)",
            "gamma(2, 50)", "pert(0.1, 0.2, 0.5)",
        ])
    func gslFamilies(text: String) throws {
        let d = try DistributionParser.parse(text)
        let (ratio, z) = Self.worst(d, upper: d.survival)
        #expect(ratio <= 1, "\(text): at z \(z), \(ratio) times the bound")
        #expect(QuantileTable(d).coverage > 1 - 1e-6, "\(text): the table must serve nearly every draw")
    }

    @Test(
        "a metalog's table gives p back to 1e-9, by its own CDF",
        arguments: ["quantiles(5: 2, 50: 20, 95: 90, lower=0)", "quantiles(10: -3, 50: 1, 90: 8)"])
    func metalog(text: String) throws {
        let d = try DistributionParser.parse(text)
        guard case .metalog(let metalog) = d else { throw DistributionError("not a metalog: \(text)") }
        // 1 − F loses the upper tail to rounding; bisection on the logit t, with M taking t itself, does not.
        let upper = { (x: Double) -> Double in
            let inner = metalog.lower.map { log(x - $0) } ?? x
            var (low, high) = (-60.0, 60.0)
            for _ in 0..<200 {
                let middle = (low + high) / 2
                if metalog.inner(1 / (1 + exp(-middle)), logit: middle) < inner { low = middle } else { high = middle }
            }
            return 1 / (1 + exp((low + high) / 2))
        }
        let (ratio, z) = Self.worst(d, upper: upper)
        #expect(ratio <= 1, "\(text): at z \(z), \(ratio) times the bound")
    }

    @Test(
        "a truncated lognormal's table gives p back to 1e-9, by GSL's lognormal CDF in either tail, plus the rounding of the tail beyond a cut",
        arguments: ["truncate(1 to 10, 2, 1000)", "truncate(1 to 10, 2, 50)"])
    func truncatedLognormal(text: String) throws {
        let d = try DistributionParser.parse(text)
        guard case .truncated(let base, let low, let high) = d else { throw DistributionError("not a truncation") }
        let (sLow, sHigh) = (base.survival(low), base.survival(high))
        // Next to a cut the tail is S(x) − S(high), which neither GSL's inverse nor its CDF resolves
        // below about 100 ulps of S(high) (1e-18 for the cut at 50, where S is 4e-5).
        let floor = 100 * sHigh.ulp / (sLow - sHigh)
        let (ratio, z) = Self.worst(d, floor: floor) { x in (base.survival(x) - sHigh) / (sLow - sHigh) }
        #expect(ratio <= 1, "\(text): at z \(z), \(ratio) times the bound")
    }

    @Test(
        "a mixture's table gives p back to 1e-9 up to 1 − 1e-6, beyond which Φ(z)'s rounding costs the exact quantile more",
        arguments: ["mixture(0.5: beta(2, 6), 0.5: uniform(0.1, 0.5))", "mixture(0.3: uniform(0, 1), 0.7: 2 to 3)"])
    func mixture(text: String) throws {
        let d = try DistributionParser.parse(text)
        let (ratio, z) = Self.worst(d, limit: 4.75, upper: d.survival)
        #expect(ratio <= 1, "\(text): at z \(z), \(ratio) times the bound")
    }

    @Test("outside the table's nodes, and on a gap in the support, the value is the exact one")
    func exactOutside() throws {
        let d = try DistributionParser.parse("mixture(0.3: uniform(0, 1), 0.7: uniform(2, 3))")
        let table = QuantileTable(d)
        for z in [-40, -7.6, 7.5, 9, gsl_cdf_ugaussian_Pinv(0.3) + 1e-12] {
            #expect(table.value(atNormalScore: z) == d.atNormalScore(z), "z \(z)")
        }
        let gamma = QuantileTable(.gamma(shape: 2, scale: 50))
        #expect(gamma.value(atNormalScore: -7.6) == Distribution.gamma(shape: 2, scale: 50).atNormalScore(-7.6))
    }

    @Test("the table is shared: one per distribution, none for the closed-form families")
    func shared() {
        let beta = Distribution.beta(a: 2, b: 6)
        #expect(QuantileTable.shared(for: beta) === QuantileTable.shared(for: beta))
        #expect(QuantileTable.shared(for: .uniform(min: 0.1, max: 0.5)) == nil)
        #expect(QuantileTable.shared(for: .lognormal(mu: 0, sigma: 1)) == nil)
    }
}
