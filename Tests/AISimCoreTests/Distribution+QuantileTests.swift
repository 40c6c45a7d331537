import CGSL
import Foundation
import Testing

@testable import AISimCore

/// Quantile functions, CDFs and the mass outside a domain at extreme parameters: tiny and huge
/// shapes, widths near the largest double, p from 1e-300 to 1 − 2⁻⁵³.
///
/// Tolerances: a quantile x must give back p to 1e-9 relative, in the tail that holds
/// min(p, 1 − p) (so that p near 1 is judged by 1 − p, and p = 1e-300 by its logarithm), plus
/// what moving x by 4 ulps moves that tail by (the rounding of x itself). GSL's CDFs are
/// accurate to about 1e-14 relative at these shapes (Temme's expansion to 1e-10 at the gamma's
/// shape 1e4, GSL's incomplete beta to about (a + b) 1e-16), so 1e-9 leaves a margin of 10 or
/// more over the references while failing any wrong root (GSL's own inverses return NaN, 0 or a
/// point 10% to 10¹⁰ away in these cases).
@Suite("Quantiles and tails at extreme parameters")
struct DistributionQuantileTests {
    static let ps = [1e-300, 1e-100, 1e-16, 1e-5, 0.01, 0.05, 0.3, 0.5, 0.7, 0.95, 0.99, 1 - 1e-10, 1 - 0x1p-53]

    /// Expects x to be the p-quantile to the suite's tolerance, by `lower` and `upper`
    /// (P(X ≤ x) and P(X > x)), with `floor` added for what the family's representation cannot resolve.
    static func check(
        _ x: Double, _ p: Double, lower: (Double) -> Double, upper: (Double) -> Double,
        floor: Double = 0, _ comment: String
    ) {
        let q = min(p, 1 - p)
        let tail = p <= 0.5 ? lower : upper
        // x ± 4 ulps, kept at or above 0 for x ≥ 0 (the families here have no mass below 0 then).
        let step = 4 * x.magnitude.ulp
        let below = x >= 0 ? max(x - step, 0) : x - step
        let allowance = abs(tail(x + step) - tail(below))
        #expect(
            abs(tail(x) - q) <= 1e-9 * q + allowance + floor,
            "\(comment): p \(p) gives x \(x), tail \(tail(x)), want \(q)")
    }

    /// ln 2⁻¹⁰⁷⁵: a positive value below it rounds to 0.
    static let logHalfLeast = -1075 * log(2.0)

    /// log x for the lower-tail closed form x = (p c)^(1/k), exact to rounding where x is below 1e-17.
    static func closedForm(_ p: Double, _ k: Double, logC: Double) -> Double { (log(p) + logC) / k }

    @Test(
        "gamma quantiles give p back, against GSL's CDF, at shapes 0.001 to 1e12",
        arguments: [1e-3, 0.01, 0.05, 0.1, 0.5, 1, 2, 10, 1e3, 1e5, 1e8, 1e12])
    func gamma(shape k: Double) {
        for theta in [1.0, 1e-200, 1e200] {
            let d = Distribution.gamma(shape: k, scale: theta)
            // GSL's CDF at y = x/θ below shape 1e4; from there GSL's own uniform expansion (shim.h),
            // since GSL's gsl_cdf_gamma_Q is wrong there (by 42% at 1e8, one sd above the mean).
            // Where y is subnormal (x = 1e-300 at θ = 1e200), GSL's CDF gives 0 and the reference is
            // the series' first term yᵏ/Γ(k+1), exact there.
            let lower = { (x: Double) -> Double in
                let y = x / theta
                if y < .leastNormalMagnitude { return exp(k * (log(x) - log(theta)) - gsl_sf_lngamma(k + 1)) }
                return k < 1e4 ? gsl_cdf_gamma_P(y, k, 1) : cgsl_gamma_inc_asymp_unif(k, y, 0)
            }
            let upper = { (x: Double) in
                k < 1e4 ? gsl_cdf_gamma_Q(x, k, theta) : cgsl_gamma_inc_asymp_unif(k, x / theta, 1)
            }
            for p in Self.ps {
                let x = d.quantile(p)
                // x = θ (p Γ(k+1))^(1/k) (1 + O(x/θ)) at small x: below 2⁻¹⁰⁷⁵ it underflows.
                if Self.closedForm(p, k, logC: gsl_sf_lngamma(k + 1)) + log(theta) < Self.logHalfLeast - 1e-9 {
                    #expect(x == 0, "gamma(\(k), \(theta)) at \(p): \(x) should underflow")
                    continue
                }
                #expect(x > 0 && x.isFinite, "gamma(\(k), \(theta)) at \(p): \(x)")
                Self.check(x, p, lower: lower, upper: upper, "gamma(\(k), \(theta))")
                if let q = d.inverseSurvival?(1 - p), p > 0.5 {
                    Self.check(q, p, lower: lower, upper: upper, "gamma(\(k), \(theta)) Q⁻¹")
                }
            }
        }
    }

    @Test(
        "beta quantiles give p back, against GSL's CDF, at shapes 0.001 to 1e6",
        arguments: [
            (1e-3, 1e-3), (0.05, 2), (2, 0.05), (0.5, 0.5), (1, 1), (2, 5), (1e-3, 100), (100, 1e-3),
            (0.05, 1e4), (1e4, 1e4), (1e6, 1e6), (1e6, 3e6), (2, 1e7),
        ])
    func beta(a: Double, b: Double) {
        let d = Distribution.beta(a: a, b: b)
        // GSL's incomplete beta; with both shapes 1e6 or more, where it is 3e-9 to 1e-8 off and
        // NaN near the mean, aisim's integral, pinned to mpmath in `againstMpmath`.
        let exact = min(a, b) >= 1e6
        let lower = { (x: Double) in exact ? d.cdf(x) : gsl_cdf_beta_P(x, a, b) }
        let upper = { (x: Double) in exact ? d.survival(x) : gsl_cdf_beta_Q(x, a, b) }
        for p in Self.ps {
            let x = d.quantile(p)
            #expect(x >= 0 && x <= 1, "beta(\(a), \(b)) at \(p): \(x)")
            // Near 0 the quantile is (p a B(a, b))^(1/a) (1 + O(x)): below 2⁻¹⁰⁷⁵ it underflows.
            let logC = log(a) + gsl_sf_lnbeta(a, b)
            if Self.closedForm(p, a, logC: logC) < Self.logHalfLeast - 1e-9 {
                #expect(x == 0, "beta(\(a), \(b)) at \(p): \(x) should underflow")
                continue
            }
            // Near 1 the same holds for 1 − x, which rounds to 1 below 2⁻⁵⁴.
            if Self.closedForm(1 - p, b, logC: log(b) + gsl_sf_lnbeta(a, b)) < -54 * log(2.0) - 1e-9 {
                #expect(x == 1 || 1 - x < 0x1p-52, "beta(\(a), \(b)) at \(p): \(x) should round to 1")
                continue
            }
            #expect(x > 0 && x < 1, "beta(\(a), \(b)) at \(p): \(x)")
            Self.check(x, p, lower: lower, upper: upper, "beta(\(a), \(b))")
        }
    }

    /// Values from mpmath at 40 digits (the density integrated by quadrature, split at multiples
    /// of the standard deviation), where GSL's CDFs are wrong: the gamma's upper tail from shape
    /// 1e5 (by 2e-6 at 1e5, 42% at 1e8 one standard deviation above the mean), the beta's with
    /// both shapes at 1e6 (NaN at the mean, 3e-9 off elsewhere). Tolerance 1e-10 relative, Temme's
    /// expansion's and QAGS's stated accuracy.
    @Test("CDFs at huge shapes agree with mpmath where GSL's do not")
    func againstMpmath() {
        let cases: [(Double, Double)] = [
            (Distribution.gamma(shape: 1e8, scale: 1).survival(1e8 + 1e4), 0.15865525352820119),
            (Distribution.gamma(shape: 1e5, scale: 1).survival(100316.22776601683), 0.15865485155167504),
            (Distribution.gamma(shape: 1e12, scale: 1).survival(1e12 + 8e6), 6.222021635306897e-16),
            (Distribution.beta(a: 1e6, b: 1e6).cdf(0.5), 0.5),
            (Distribution.beta(a: 1e6, b: 1e6).cdf(0.4995), 0.07864957758090163),
            (Distribution.beta(a: 1e6, b: 1e6).cdf(0.49917751227502477), 0.010000000000005698),
            (Distribution.beta(a: 1e6, b: 3e6).cdf(0.24949651488595642), 0.009999999999997442),
        ]
        for (value, expected) in cases {
            #expect(abs(value / expected - 1) <= 1e-10, "\(value) vs \(expected)")
        }
    }

    @Test("beta quantiles at shapes beyond GSL's accuracy are finite, in [0, 1] and increasing")
    func hugeBeta() {
        for (a, b) in [(1e10, 1e10), (1e15, 1e15), (10, 1e20), (1e300, 1), (1e-300, 1)] {
            let d = Distribution.beta(a: a, b: b)
            let xs = Self.ps.map { d.quantile($0) }
            #expect(xs.allSatisfy { $0 >= 0 && $0 <= 1 }, "beta(\(a), \(b)): \(xs)")
            #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 <= $1 }, "beta(\(a), \(b)): \(xs)")
            #expect(Self.ps.allSatisfy { d.cdf(d.quantile($0)).isFinite }, "beta(\(a), \(b))")
        }
    }

    @Test(
        "every other family's quantile gives p back at extreme parameters",
        arguments: [
            "lognormal(-745, 1)", "lognormal(700, 0.01)", "lognormal(0, 30)", "normal(1e308, 1e308)",
            "normal(-1e308, 1e308)", "normal(0, 1e-300)", "uniform(-1e308, 1e308)", "uniform(0, 1e-310)",
            "loguniform(1e-300, 1e300)", "triangular(0, 1e-200, 1e-200)", "triangular(-1e308, 0, 1e308)",
            "triangular(0, 1e200, 1e300)", "pert(-1e308, 0, 1e308)", "pert(0, 1e-300, 1e-299)",
            "mixture(0.5: gamma(0.01, 1), 0.5: gamma(100, 1))", "mixture(0.3: beta(0.05, 2), 0.7: beta(2, 0.05))",
            "truncate(gamma(0.1, 1), 1e-12, 100)", "truncate(beta(0.05, 2), 1e-30, 0.5)",
            "quantiles(5: 1e-300, 50: 1e-200, 95: 1, lower=0)", "quantiles(5: -1e300, 50: 0, 95: 1e300)",
            "quantiles(5: 1, 50: 2, 95: 4, lower=0)",
        ])
    func otherFamilies(_ text: String) throws {
        let d = try DistributionParser.parse(text)
        // A metalog's survival function is 1 − F, which cannot resolve 1 − p = 2⁻⁵³.
        for p in Self.ps where !(text.hasPrefix("quantiles") && p > 1 - 1e-12) {
            let x = d.quantile(p)
            #expect(!x.isNaN, "\(text) at \(p)")
            // ±∞ only where the quantile is beyond the largest double, and 0 only where it is
            // within the smallest positive double of 0: both are the true value rounded.
            if x == .infinity {
                #expect(d.survival(.greatestFiniteMagnitude) >= (1 - p) * (1 - 1e-9), "\(text) at \(p)")
            }
            if x == -.infinity { #expect(d.cdf(-.greatestFiniteMagnitude) >= p * (1 - 1e-9), "\(text) at \(p)") }
            if !x.isFinite || x == 0 && d.cdf(.leastNonzeroMagnitude) >= p * (1 - 1e-9) { continue }
            // A truncation's quantile is its base's at F(low) + p (F(high) − F(low)), and its CDF
            // the base's difference: near its ends both resolve p only to ε F(low) / (F(high) − F(low)).
            var floor = 0.0
            if case .truncated(let base, let low, let high) = d {
                floor = 4 * .ulpOfOne * max(base.cdf(low), base.survival(high)) / base.mass(between: low, and: high)
            }
            Self.check(x, p, lower: d.cdf, upper: d.survival, floor: floor, text)
        }
    }

    @Test("Latin hypercube and Sobol inputs (quantiles of u in (0, 1)) at small shapes stay in the domain")
    func designsStayInDomain() throws {
        let n = 100_000
        let us = (0..<n).map { (Double($0) + 0.5) / Double(n) }
        for text in [
            "gamma(0.01, 1)", "gamma(0.05, 1)", "gamma(0.1, 1)", "beta(0.05, 2)", "beta(1e-3, 1e-3)",
            "truncate(gamma(0.1, 1), 1e-12, 100)",
        ] {
            let d = try DistributionParser.parse(text)
            var values = us
            values.withUnsafeMutableBufferPointer { d.mapUniforms($0.baseAddress!, count: n) }
            // A gamma or beta quantile is 0 only where (u Γ(k+1))^(1/k) (or (u a B)^(1/a)) is
            // below 2⁻¹⁰⁷⁵, as for gamma(0.01, 1) at u < 5.8e-4: then 0 is the true value rounded.
            let underflow: (Double) -> Bool
            switch d {
            case .gamma(let k, _): underflow = { (log($0) + gsl_sf_lngamma(k + 1)) / k < Self.logHalfLeast }
            case .beta(let a, let b):
                underflow = { (log($0) + log(a) + gsl_sf_lnbeta(a, b)) / a < Self.logHalfLeast }
            default: underflow = { _ in false }
            }
            let isBeta = text.hasPrefix("beta")
            for (u, x) in zip(us, values) {
                let inside = x > 0 && x.isFinite && (!isBeta || x <= 1)
                if !inside {
                    #expect(x == 0 && underflow(u), "\(text) at u = \(u): \(x)")
                    if !(x == 0 && underflow(u)) { break }
                }
            }
            // The copula's path: standard normals through Φ, and Q above the median.
            var ys = stride(from: -8.0, through: 8.0, by: 0.01).map { $0 }
            let copy = ys
            ys.withUnsafeMutableBufferPointer { d.mapStandardNormals($0.baseAddress!, count: copy.count) }
            let inDomain = zip(copy, ys).allSatisfy { y, x in
                x > 0 && x.isFinite || x == 0 && underflow(gsl_cdf_ugaussian_P(y))
            }
            #expect(
                inDomain,
                "\(text): copula values \(ys.filter { !($0 > 0) }.count) not positive")
        }
    }

    @Test("the mass outside the domain matches the closed forms and the samplers' share")
    func massOutside() throws {
        let n = 200_000
        // normal(1e308, 1e308): Φ(−1) below 0, and above the largest double Q((max − 1e308)/1e308).
        let normal = Distribution.normal(mean: 1e308, sd: 1e308)
        #expect(abs(normal.cdf(0) - 0.15865525393145705) < 1e-15)
        let overflow = gsl_cdf_ugaussian_Q((Double.greatestFiniteMagnitude - 1e308) / 1e308)
        let cases: [(Distribution, Domain, Double)] = [
            (normal, .positive, 0.15865525393145705 + overflow),
            // lognormal(−745, 1): ln X = −745 + Z rounds to 0 below ln 2⁻¹⁰⁷⁵ = −745.1332.
            (.lognormal(mu: -745, sigma: 1), .positive, gsl_cdf_ugaussian_P(-1075 * log(2.0) + 745)),
            // gamma(0.01, 1): P(X < 2⁻¹⁰⁷⁵) = 2^(−10.75) / Γ(1.01).
            (.gamma(shape: 0.01, scale: 1), .positive, exp(-10.75 * log(2.0) - gsl_sf_lngamma(1.01))),
            // beta(0.001, 0.001): 2^(−1.075) / (0.001 B(0.001, 0.001)); none above 1.
            (.beta(a: 1e-3, b: 1e-3), .unitInterval, exp(-1.075 * log(2.0) - log(1e-3) - gsl_sf_lnbeta(1e-3, 1e-3))),
            (.uniform(min: -1e308, max: 1e308), .positive, 0.5),
            (.normal(mean: 0.5, sd: 0.5), .unitInterval, 2 * 0.15865525393145705),
        ]
        for (d, domain, expected) in cases {
            #expect(abs(d.mass(outside: domain) - expected) <= 1e-12, "\(d): \(d.mass(outside: domain)) vs \(expected)")
            // Latin hypercube's share outside (quantiles of u = (i + ½)/n) is the mass to 2/n.
            var values = (0..<n).map { (Double($0) + 0.5) / Double(n) }
            values.withUnsafeMutableBufferPointer { d.mapUniforms($0.baseAddress!, count: n) }
            let stratified = Double(values.filter { !domain.contains($0) }.count) / Double(n)
            #expect(abs(stratified - expected) <= 2 / Double(n), "\(d): stratified \(stratified), mass \(expected)")
            // The random sampler's share agrees within 4 standard errors, except GSL's beta sampler
            // at shapes below 1 (Johnk's method), which returns 0 whenever U^(1/a) underflows, though
            // V^(1/b) may be as small: for beta(0.001, 0.001) 30% of its draws, against a mass of 24%.
            if case .beta = d { continue }
            let share = Double(draws(d, count: n, seed: 17).filter { !domain.contains($0) }.count) / Double(n)
            #expect(
                abs(share - expected) <= 4 * (expected * (1 - expected) / Double(n)).squareRoot(),
                "\(d): sampled \(share), mass \(expected)")
        }
        // Ordinary priors put nothing out of range.
        for text in ["gamma(2, 3)", "beta(2, 5)", "2e21 to 8e21", "uniform(0.1, 0.5)", "pert(1, 2, 5)"] {
            #expect(try DistributionParser.parse(text).mass(outside: .positive) == 0, "\(text)")
        }
    }

    @Test("Latin hypercube runs of gamma(0.1, 1) and its truncation meet no sample outside the domain")
    func lhsRun() throws {
        for text in ["gamma(0.1, 1)", "truncate(gamma(0.1, 1), 1e-12, 100)", "beta(0.05, 2)"] {
            let input = text.hasPrefix("beta") ? "ai_share" : "horizon"
            let p = try prior("[inputs]\n\(input) = \"\(text)\"\n")
            for method in [SamplingMethod.lhs, .sobol] {
                #expect(throws: Never.self, "\(text), \(method)") {
                    _ = try Simulation.run(p, options: SimulationOptions(trials: 20_000, seed: 5, method: method))
                }
            }
        }
    }
}
