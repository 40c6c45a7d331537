import CGSL
import Foundation

/// A distribution's value at a normal score, x(z) = F⁻¹(Φ(z)), tabulated once so that the
/// Gaussian copula maps a standard normal to an iterative family's value in O(1).
///
/// The table holds t(z) = g(x(z)) at the nodes z_i = −7.5 + i h, h = 15/2048, i = 0 … 2048,
/// where g straightens the tails: g(x) = ln(x − a) − ln(b − x) for a support [a, b] bounded
/// on both sides, ln(x − a) or −ln(b − x) for one bounded on one end, x itself for none
/// (``Distribution/supportBounds``). Near a bound x − a behaves like a power of p = Φ(z), so g
/// makes t a smooth, nearly quadratic function of z. Each cell [z_i, z_{i+1}] is the cubic
/// Hermite interpolant of t and its exact derivative t′(z) = g′(x) φ(z)/f(x) at both ends
/// (GSL's `gsl_poly_dd_hermite_init`, turned into coefficients in z − z_i by
/// `gsl_poly_dd_taylor`, evaluated by `gsl_poly_eval`), and x̂ = g⁻¹(t̂). The nodes come from
/// ``Distribution/atNormalScore(_:)``, the exact mapping.
///
/// A cell is kept only when its cubic increases (Fritsch–Carlson: t rises, and both end slopes
/// over the secant, α and β, are at least 0 with α² + β² ≤ 9) and, at its midpoint, where a
/// cubic Hermite's error s²(1 − s)² h⁴ t⁗/24 peaks, x̂ is within 2 ulps of the exact value or
/// within a quarter of ``bound`` of it as a relative error of the tail probability
/// min(p, 1 − p) (the z error |t̂ − t|/t′ times φ(z)/Q(|z|)). Every other cell, and every z
/// outside [−7.5, 7.5] (p below 3.2e-14 from either end), maps exactly: nothing is clamped.
///
/// Accuracy, measured against GSL's CDFs at 20,001 points (QuantileTableTests):
/// |F(x̂) − p| ≤ 1e-9 · min(p, 1 − p) for p in (1e-12, 1 − 1e-12), plus what 2 ulps of x̂ move F
/// by, for betas, gammas, a PERT and metalogs; for a truncation, plus the rounding of the base's
/// tail beyond a cut (100 ulps of S(max)); for a mixture, up to p = 1 − 1e-6, beyond which the
/// exact quantile itself loses 1 − p to the rounding of Φ(z).
///
/// The table is deterministic and read-only, shared by every thread (``shared(for:)``), so one
/// seed still gives the same draws on any number of threads.
/// - Complexity: building, 2 × 2048 + 1 exact mappings and 2049 densities (about 45 ms for a
///   beta); a value, O(1): one cell's cubic and one exp.
final class QuantileTable: Sendable {
    /// The relative error of the tail probability the table keeps, min(p, 1 − p) ε.
    static let bound = 1e-9
    /// The first node, and the width and number of the cells.
    static let start = -7.5
    static let step = 15.0 / 2048
    static let cells = 2048
    private static let cellsPerUnit = 2048 / 15.0

    let distribution: Distribution
    /// The ends of the support that the transform g uses, ±∞ when unbounded.
    private let lower: Double
    private let upper: Double
    /// Four coefficients per cell, of (z − z_i)⁰ … (z − z_i)³; NaN for a cell mapped exactly.
    private let coefficients: [Double]

    /// Tables already built, by distribution: at most ``cacheLimit``, emptied when full.
    private static let built = Guarded<[Distribution: QuantileTable]>([:])
    private static let cacheLimit = 64

    /// The table for `distribution`, built on first use and shared after, or nil for a family
    /// whose exact mapping is already cheap (the closed forms: point, normal, lognormal,
    /// uniform, log-uniform, triangular).
    static func shared(for distribution: Distribution) -> QuantileTable? {
        switch distribution {
        case .point, .normal, .lognormal, .uniform, .loguniform, .triangular: return nil
        case .beta, .gamma, .pert, .mixture, .truncated, .metalog: break
        }
        return built.withLock { tables in
            if let table = tables[distribution] { return table }
            if tables.count >= cacheLimit { tables.removeAll() }
            let table = QuantileTable(distribution)
            tables[distribution] = table
            return table
        }
    }

    /// Tabulates `distribution` over the nodes and checks every cell, as described above.
    init(_ distribution: Distribution) {
        GSLRuntime.prepare()
        self.distribution = distribution
        let (lower, upper) = distribution.supportBounds
        (self.lower, self.upper) = (lower, upper)
        let nodes = (0...Self.cells).map { Self.start + Double($0) * Self.step }
        let values = nodes.map(distribution.atNormalScore)
        let transformed = values.map { Self.transform($0, lower, upper) }
        let slopes = zip(nodes, values).map { z, x in
            Self.transformSlope(x, lower, upper) * distribution.slopeAtNormalScore(z, value: x)
        }
        var coefficients = [Double](repeating: .nan, count: 4 * Self.cells)
        for i in 0..<Self.cells {
            guard
                let cubic = Self.cubic(
                    from: (nodes[i], nodes[i + 1]), values: (transformed[i], transformed[i + 1]),
                    slopes: (slopes[i], slopes[i + 1]))
            else { continue }
            let middle = nodes[i] + Self.step / 2
            let exact = distribution.atNormalScore(middle)
            let t = cubic.withUnsafeBufferPointer { gsl_poly_eval($0.baseAddress, 4, Self.step / 2) }
            let interpolated = Self.untransform(t, lower, upper)
            let zError =
                abs(t - Self.transform(exact, lower, upper)) * Self.step / (transformed[i + 1] - transformed[i])
            let tailError = zError * gsl_ran_ugaussian_pdf(middle) / gsl_cdf_ugaussian_Q(abs(middle))
            guard abs(interpolated - exact) <= 2 * exact.ulp || tailError <= Self.bound / 4 else { continue }
            coefficients.replaceSubrange((4 * i)..<(4 * i + 4), with: cubic)
        }
        self.coefficients = coefficients
    }

    /// The share of standard normal draws that the table serves: the sum of Φ(z_{i+1}) − Φ(z_i)
    /// over the tabulated cells, in [0, 1]; the rest take the exact mapping. O(cells).
    var coverage: Double {
        (0..<Self.cells).reduce(0) { total, i in
            guard !coefficients[4 * i].isNaN else { return total }
            let z = Self.start + Double(i) * Self.step
            return total + gsl_cdf_ugaussian_P(z + Self.step) - gsl_cdf_ugaussian_P(z)
        }
    }

    /// x̂(z), or the exact ``Distribution/atNormalScore(_:)`` outside the table's cells. O(1).
    func value(atNormalScore z: Double) -> Double {
        coefficients.withUnsafeBufferPointer { value(z, $0.baseAddress!) }
    }

    /// Replaces `count` standard normal values by x̂ at each, as ``value(atNormalScore:)``.
    /// - Complexity: O(count).
    func map(_ values: UnsafeMutablePointer<Double>, count: Int) {
        coefficients.withUnsafeBufferPointer { table in
            for i in 0..<count { values[i] = value(values[i], table.baseAddress!) }
        }
    }

    @inline(__always)
    private func value(_ z: Double, _ table: UnsafePointer<Double>) -> Double {
        let position = (z - Self.start) * Self.cellsPerUnit
        // False for NaN as well as outside the nodes.
        if position >= 0 && position < Double(Self.cells) {
            let i = Int(position)
            let cell = table + 4 * i
            if !cell[0].isNaN {
                return Self.untransform(
                    gsl_poly_eval(cell, 4, z - (Self.start + Double(i) * Self.step)), lower, upper)
            }
        }
        return distribution.atNormalScore(z)
    }

    /// The cubic in z − z₀ through (z₀, t₀) and (z₁, t₁) with slopes d₀ and d₁, by GSL's
    /// Hermite divided differences, or nil when it would not increase across the cell.
    private static func cubic(
        from z: (Double, Double), values t: (Double, Double), slopes d: (Double, Double)
    ) -> [Double]? {
        let secant = (t.1 - t.0) / (z.1 - z.0)
        let (alpha, beta) = (d.0 / secant, d.1 / secant)
        guard secant > 0 && secant.isFinite && alpha >= 0 && beta >= 0 && alpha * alpha + beta * beta <= 9 else {
            return nil
        }
        var differences = [Double](repeating: 0, count: 4)
        var doubled = [Double](repeating: 0, count: 4)
        var coefficients = [Double](repeating: 0, count: 4)
        var work = [Double](repeating: 0, count: 4)
        gsl_poly_dd_hermite_init(&differences, &doubled, [z.0, z.1], [t.0, t.1], [d.0, d.1], 2)
        gsl_poly_dd_taylor(&coefficients, z.0, differences, doubled, 4, &work)
        return coefficients.allSatisfy(\.isFinite) ? coefficients : nil
    }

    /// g(x): ln(x − a) − ln(b − x) on a support bounded on both sides, ln(x − a) or −ln(b − x)
    /// on one, x on none.
    private static func transform(_ x: Double, _ a: Double, _ b: Double) -> Double {
        switch (a.isFinite, b.isFinite) {
        case (true, true): log(x - a) - log(b - x)
        case (true, false): log(x - a)
        case (false, true): -log(b - x)
        case (false, false): x
        }
    }

    /// g′(x), as ``transform(_:_:_:)``'s derivative.
    private static func transformSlope(_ x: Double, _ a: Double, _ b: Double) -> Double {
        switch (a.isFinite, b.isFinite) {
        case (true, true): 1 / (x - a) + 1 / (b - x)
        case (true, false): 1 / (x - a)
        case (false, true): 1 / (b - x)
        case (false, false): 1
        }
    }

    /// g⁻¹(t): on [a, b], a + (b − a)/(1 + e^(−t)) below t = 0 and b − (b − a)/(1 + e^t) above,
    /// so that each end keeps its precision.
    @inline(__always)
    private static func untransform(_ t: Double, _ a: Double, _ b: Double) -> Double {
        switch (a.isFinite, b.isFinite) {
        case (true, true): t <= 0 ? a + (b - a) / (1 + exp(-t)) : b - (b - a) / (1 + exp(t))
        case (true, false): a + exp(t)
        case (false, true): b - exp(-t)
        case (false, false): t
        }
    }
}
