import Foundation

/// A metalog distribution (Keelin 2016) fitted exactly through elicited percentiles.
///
/// Its quantile function is a linear combination of the basis
/// 1, L, (y−½)L, (y−½), (y−½)², (y−½)²L, (y−½)³, (y−½)³L, … with L = ln(y / (1−y)),
/// with as many terms as elicited points, whose coefficients solve the linear system that
/// makes the quantile function pass through every point (GSL's LU decomposition). With a
/// lower bound `b`, the fit is to ln(x − b) and x = b + exp(M(y)) (the log-metalog).
///
/// A fit is a distribution only if its quantile function increases on all of (0, 1): checked
/// on a grid dense in the logit of y, and in both tails, where the slope tends to a limit.
///
/// Complexity: fitting is O(k³) for k points; a quantile is O(k); the CDF inverts the quantile
/// function by bisection, O(k · 200).
public struct Metalog: Hashable, Sendable {
    /// An elicited point: the value at a percentile (0 to 100, exclusive).
    public struct Point: Hashable, Sendable {
        public let percent: Double
        public let value: Double
        public init(percent: Double, value: Double) {
            self.percent = percent
            self.value = value
        }
    }

    public let points: [Point]
    public let lower: Double?
    /// a₁ … a_k of the basis above.
    public let coefficients: [Double]

    /// Fits the metalog through `points` (at least three, percentiles and values strictly
    /// increasing, values above `lower` when it is given).
    public init(points: [Point], lower: Double? = nil) throws(DistributionError) {
        guard points.count >= 3 else {
            throw DistributionError("quantiles needs at least three elicited percentiles, got \(points.count)")
        }
        guard points.count <= 16 else {
            throw DistributionError("quantiles takes at most 16 elicited percentiles, got \(points.count)")
        }
        let sorted = points.sorted { $0.percent < $1.percent }
        for point in sorted where !(point.percent > 0 && point.percent < 100) {
            throw DistributionError("quantiles: percentile \(point.percent) is not strictly between 0 and 100")
        }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            guard a.percent < b.percent else {
                throw DistributionError("quantiles: percentile \(a.percent) is given twice")
            }
            guard a.value < b.value else {
                throw DistributionError(
                    "quantiles: values must increase with the percentile, but the \(a.percent)th is \(a.value) and the \(b.percent)th is \(b.value)"
                )
            }
        }
        if let lower, let first = sorted.first, !(first.value > lower) {
            throw DistributionError(
                "quantiles: every value must lie above lower=\(lower), but the \(first.percent)th is \(first.value)")
        }
        self.points = sorted
        self.lower = lower
        let rows = sorted.map { point in (1...sorted.count).map { Self.basis($0, point.percent / 100) } }
        let targets = sorted.map { point in lower.map { log(point.value - $0) } ?? point.value }
        guard let coefficients = GSLNumerics.solve(rows, targets) else {
            throw DistributionError("quantiles: the elicited points are too close together to fit a metalog")
        }
        self.coefficients = coefficients
        guard let problem = monotonicityProblem else { return }
        throw DistributionError(
            "quantiles: the metalog through these points is not a valid distribution: its quantile function decreases \(problem). Space the percentiles more evenly, give fewer of them, or move the values"
        )
    }

    /// Term `j` (from 1) of the basis at y, and its derivative times y(1 − y).
    static func term(_ j: Int) -> (power: Int, logit: Bool) {
        switch j {
        case 1: (0, false)
        case 2: (0, true)
        case 3: (1, true)
        case 4: (1, false)
        default: j % 2 == 1 ? ((j - 1) / 2, false) : ((j - 2) / 2, true)
        }
    }

    static func basis(_ j: Int, _ y: Double) -> Double { basis(j, y, logit: log(y / (1 - y))) }

    /// Term `j` at y, with L = ln(y / (1 − y)) given.
    static func basis(_ j: Int, _ y: Double, logit: Double) -> Double {
        let (power, hasLogit) = term(j)
        let p = pow(y - 0.5, Double(power))
        return hasLogit ? p * logit : p
    }

    /// M(y), the fitted combination (x itself, or ln(x − lower)).
    func inner(_ y: Double) -> Double { inner(y, logit: log(y / (1 - y))) }

    /// M(y) with L = ln(y / (1 − y)) given, as the upper tail needs.
    func inner(_ y: Double, logit: Double) -> Double {
        coefficients.indices.reduce(0) { $0 + coefficients[$1] * Self.basis($1 + 1, y, logit: logit) }
    }

    /// dM/dt at t = logit(y), that is M′(y) · y(1 − y): finite on all of (0, 1). Taking t
    /// rather than y keeps the upper tail exact where 1 − y would round to 0.
    func slope(logit t: Double) -> Double {
        let y = 1 / (1 + exp(-t))
        let w = y / (1 + exp(t))
        return coefficients.indices.reduce(0) { total, i in
            let (power, logit) = Self.term(i + 1)
            let m = Double(power)
            let dPower = power == 0 ? 0 : m * pow(y - 0.5, m - 1) * w
            let value = logit ? dPower * t + pow(y - 0.5, m) : dPower
            return total + coefficients[i] * value
        }
    }

    /// The limit of the slope as y → 0 (`upper` false) or y → 1: the coefficients of the
    /// L terms at y − ½ = ∓½.
    func tailSlope(upper: Bool) -> Double {
        coefficients.indices.reduce(0) { total, i in
            let (power, logit) = Self.term(i + 1)
            return logit ? total + coefficients[i] * pow(upper ? 0.5 : -0.5, Double(power)) : total
        }
    }

    /// Where the quantile function fails to increase, in words, or nil when it increases.
    var monotonicityProblem: String? {
        if !(tailSlope(upper: false) > 0) { return "in the lower tail" }
        if !(tailSlope(upper: true) > 0) { return "in the upper tail" }
        for step in 0...8000 {
            let t = -36 + 72 * Double(step) / 8000
            if !(slope(logit: t) > 0) {
                return String(format: "near the %.3gth percentile", 100 / (1 + exp(-t)))
            }
        }
        return nil
    }

    /// The quantile function: x at cumulative probability y in (0, 1).
    public func quantile(_ y: Double) -> Double {
        let m = inner(y)
        return lower.map { $0 + exp(m) } ?? m
    }

    /// The quantile function at y = 1 − q for an upper-tail probability q in (0, 1), with
    /// L = ln((1 − q)/q) from q itself, so that a tiny q keeps its precision where 1 − q rounds.
    /// O(k).
    public func quantile(survival q: Double) -> Double {
        let m = inner(1 - q, logit: log1p(-q) - log(q))
        return lower.map { $0 + exp(m) } ?? m
    }

    /// P(X ≤ x), by bisection on the logit of y.
    public func cdf(_ x: Double) -> Double {
        if let lower, x <= lower { return 0 }
        return probability(belowInner: lower.map { log(x - $0) } ?? x)
    }

    /// The y with M(y) = `target` (x itself, or ln(x − lower)), by bisection on the logit of y:
    /// P(X ≤ x) from ln(x − lower) even where x − lower is not a double. The logit spans
    /// [−60, 60], or, for a target below M at logit −60, [−745, −60], down to the smallest y a
    /// double holds. O(k · 200).
    func probability(belowInner target: Double) -> Double {
        var low = -60.0
        var high = 60.0
        if inner(1 / (1 + exp(-low))) >= target {
            (low, high) = (-745, -60)
            if inner(1 / (1 + exp(-low))) >= target { return 0 }
        }
        if inner(1 / (1 + exp(-high))) <= target { return 1 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if inner(1 / (1 + exp(-middle))) < target { low = middle } else { high = middle }
        }
        return 1 / (1 + exp(-(low + high) / 2))
    }
}
