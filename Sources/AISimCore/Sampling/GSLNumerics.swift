import CGSL

/// The numerical routines aisim takes from GSL, behind Swift signatures.
enum GSLNumerics {
    /// ∫ f(x) dx from `a` to `b` by GSL's adaptive QAGS, which copes with integrable
    /// singularities at the ends (as a quantile function has at 0 and 1). Returns nil when GSL
    /// cannot reach the tolerance (relative 1e-10), as for an integral that diverges, unless
    /// `strict` is false: then GSL's best estimate.
    static func integrate(from a: Double, to b: Double, strict: Bool = true, _ f: (Double) -> Double) -> Double? {
        GSLRuntime.prepare()
        return withoutActuallyEscaping(f) { f in
            var box = f
            return withUnsafeMutablePointer(to: &box) { context -> Double? in
                guard let workspace = gsl_integration_workspace_alloc(1000) else { return nil }
                defer { gsl_integration_workspace_free(workspace) }
                var function = gsl_function(
                    function: { x, params in
                        params!.assumingMemoryBound(to: ((Double) -> Double).self).pointee(x)
                    },
                    params: UnsafeMutableRawPointer(context))
                var result = 0.0
                var error = 0.0
                let status = gsl_integration_qags(&function, a, b, 0, 1e-10, 1000, workspace, &result, &error)
                return (status == GSL_SUCCESS || !strict) && result.isFinite ? result : nil
            }
        }
    }

    /// The solution x of A x = b for a square matrix A (row-major), by GSL's LU decomposition,
    /// or nil when A is singular.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        GSLRuntime.prepare()
        let n = vector.count
        precondition(matrix.count == n && matrix.allSatisfy { $0.count == n })
        guard let a = gsl_matrix_alloc(n, n), let b = gsl_vector_alloc(n), let x = gsl_vector_alloc(n),
            let permutation = gsl_permutation_alloc(n)
        else { return nil }
        defer {
            gsl_matrix_free(a)
            gsl_vector_free(b)
            gsl_vector_free(x)
            gsl_permutation_free(permutation)
        }
        for i in 0..<n {
            gsl_vector_set(b, i, vector[i])
            for j in 0..<n { gsl_matrix_set(a, i, j, matrix[i][j]) }
        }
        var sign: Int32 = 0
        guard gsl_linalg_LU_decomp(a, permutation, &sign) == GSL_SUCCESS else { return nil }
        if (0..<n).contains(where: { gsl_matrix_get(a, $0, $0) == 0 }) { return nil }
        guard gsl_linalg_LU_solve(a, permutation, b, x) == GSL_SUCCESS else { return nil }
        let solution = (0..<n).map { gsl_vector_get(x, $0) }
        return solution.allSatisfy(\.isFinite) ? solution : nil
    }

    /// The lower-triangular Cholesky factor L of a symmetric matrix (row-major), with
    /// L Lᵀ = A, by GSL; nil when A is not positive definite.
    static func cholesky(_ matrix: [[Double]]) -> [[Double]]? {
        GSLRuntime.prepare()
        let n = matrix.count
        guard let a = gsl_matrix_alloc(n, n) else { return nil }
        defer { gsl_matrix_free(a) }
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(a, i, j, matrix[i][j]) } }
        guard gsl_linalg_cholesky_decomp1(a) == GSL_SUCCESS else { return nil }
        return (0..<n).map { i in (0..<n).map { j in j <= i ? gsl_matrix_get(a, i, j) : 0 } }
    }
}

// MARK: - The gamma and beta distributions' tails and their inverses

extension GSLNumerics {
    /// The shape from which ``gammaTail(_:shape:scale:upper:)`` uses Temme's uniform expansion
    /// (`cgsl_gamma_inc_asymp_unif`, see shim.h) rather than `gsl_cdf_gamma_P`/`_Q`, whose
    /// continued fraction drifts near the mean at large shapes (relative 2e-10 at 1e4, 2e-6 at 1e5).
    static let largeGammaShape = 1e4

    /// log 2⁻¹⁰⁷⁵ = −745.133…: a positive value below half the smallest subnormal rounds to 0.
    static let logHalfLeastNonzero = log(Double.leastNonzeroMagnitude) - log(2.0)

    /// P(X ≤ x), or P(X > x) when `upper`, for the gamma of shape k and scale θ.
    ///
    /// GSL's `gsl_cdf_gamma_P`/`_Q` at y = x/θ for k < 1e4, Temme's expansion from there (relative
    /// error below 1e-10). Where y is subnormal, P = y^k/Γ(k+1) in logarithms (the series'
    /// first term, exact to rounding for y < 1e-17). Valid for k, θ > 0 and any x; never NaN.
    /// - Complexity: O(1): GSL's series, continued fractions and expansions.
    static func gammaTail(_ x: Double, shape k: Double, scale theta: Double, upper: Bool) -> Double {
        GSLRuntime.prepare()
        guard x > 0 else { return upper ? 1 : 0 }
        let y = x / theta
        if y < .leastNormalMagnitude {
            let lower = min(1, exp(k * (log(x) - log(theta)) - gsl_sf_lngamma(k + 1)))
            return upper ? 1 - lower : lower
        }
        guard y < .infinity else { return upper ? 0 : 1 }
        guard k >= largeGammaShape else { return upper ? gsl_cdf_gamma_Q(y, k, 1) : gsl_cdf_gamma_P(y, k, 1) }
        let r = cgsl_gamma_inc_asymp_unif(k, y, upper ? 1 : 0)
        // The expansion breaks down only far out (y → 0 or ∞), where the tail has underflowed.
        return r.isNaN ? ((y < k) == upper ? 1 : 0) : min(max(r, 0), 1)
    }

    /// P(X ≤ x), or P(X > x) when `upper`, for Beta(a, b): GSL's `gsl_cdf_beta_P`/`_Q`, clamped
    /// into [0, 1] (at shapes below 1e-8 GSL strays past the bounds by ~1e-14); where GSL returns
    /// NaN, or both shapes are 1e6 or more (where GSL's prefactor, ln of terms near a ln x, has
    /// lost 1e-10 of relative accuracy, and it is NaN near the mean), ``betaTailIntegrated(_:_:_:upper:)``.
    /// Valid for a, b > 0 and any x; never NaN.
    /// - Complexity: O(1) (GSL's continued fraction), or the integration's few thousand densities.
    static func betaTail(_ x: Double, _ a: Double, _ b: Double, upper: Bool) -> Double {
        GSLRuntime.prepare()
        guard x > 0 else { return upper ? 1 : 0 }
        guard x < 1 else { return upper ? 0 : 1 }
        if min(a, b) >= 1e6 { return betaTailIntegrated(x, a, b, upper: upper) }
        let r = upper ? gsl_cdf_beta_Q(x, a, b) : gsl_cdf_beta_P(x, a, b)
        return r.isNaN ? betaTailIntegrated(x, a, b, upper: upper) : min(max(r, 0), 1)
    }

    /// The beta's tail where GSL's incomplete beta fails (its continued fraction does not converge
    /// near the mean once both shapes exceed about 5e5, nor at extreme shape ratios).
    ///
    /// The density of U = logit X integrated by GSL's QAGS from the far tail, where
    /// P(X ≤ t) = tᵃ(1−t)ᵇ / (a B(a, b)) to rounding (t ≤ 1e-17 (a+1)/(a+b+1)), up to logit x, in
    /// pieces cut at the mode and at ±1, 2, 4 … 64 of U's scale √(1/a + 1/b) so that no narrow
    /// peak is missed; the upper tail is the lower tail of 1 − X ~ Beta(b, a).
    /// - Complexity: O(1): at most 16 QAGS integrals.
    static func betaTailIntegrated(_ x: Double, _ a: Double, _ b: Double, upper: Bool) -> Double {
        let u = log(x) - log1p(-x)
        guard let lower = x <= a / (a + b) ? betaLowerIntegral(u, a, b) : betaLowerIntegral(-u, b, a).map({ 1 - $0 })
        else { return (x < a / (a + b)) == upper ? 1 : 0 }
        return upper ? 1 - lower : lower
    }

    /// ∫ from −∞ to u of the density of logit X, X ~ Beta(a, b), or nil if it is not a number.
    private static func betaLowerIntegral(_ u: Double, _ a: Double, _ b: Double) -> Double? {
        let lnBeta = gsl_sf_lnbeta(a, b)
        let head = { (t: Double) in min(1, exp(a * log(t) + b * log1p(-t) - log(a) - lnBeta)) }
        let t0 = 1e-17 * (a + 1) / (a + b + 1)
        let u0 = log(t0) - log1p(-t0)
        if u <= u0 { return head(1 / (1 + exp(-u))) }
        let centre = log(a) - log(b)
        let scale = (1 / a + 1 / b).squareRoot()
        let cuts =
            [u0]
            + [-64.0, -32, -16, -8, -4, -2, -1, 0, 1, 2, 4, 8, 16, 32, 64].map { centre + $0 * scale }
            .filter { $0 > u0 && $0 < u } + [u]
        let logDensity = betaLogitLogDensity(a, b)
        let total = zip(cuts, cuts.dropFirst()).reduce(head(t0)) { sum, piece in
            sum + (integrate(from: piece.0, to: piece.1, strict: false) { exp(logDensity($0)) } ?? 0)
        }
        return total.isNaN ? nil : min(max(total, 0), 1)
    }

    /// The log density of U = logit X for X ~ Beta(a, b): a ln t + b ln(1 − t) − ln B(a, b) at
    /// t = 1/(1 + e⁻ᵘ), written without the cancellation of its large terms at large shapes:
    /// with n = a + b, p = a/n, q = b/n and δ = t − p, it is a·g(δ/p) + b·g(−δ/q) + ½ ln(ab/(2πn))
    /// − ln(Γ*(a)Γ*(b)/Γ*(n)), where g(y) = ln(1+y) − y (GSL's `gsl_sf_log_1plusx_mx`) and Γ* is
    /// GSL's `gsl_sf_gammastar`, Γ(z)/(√(2π) z^(z−½) e^(−z)).
    static func betaLogitLogDensity(_ a: Double, _ b: Double) -> (Double) -> Double {
        let n = a + b
        let p = a / n
        let q = b / n
        let constant =
            0.5 * (log(a) + log(b) - log(n) - log(2 * Double.pi))
            - log(gsl_sf_gammastar(a)) - log(gsl_sf_gammastar(b)) + log(gsl_sf_gammastar(n))
        let g = { (y: Double) in y > -1 ? gsl_sf_log_1plusx_mx(y) : -.infinity }
        return { u in
            // δ from whichever of t and 1 − t is the smaller, so that it keeps its precision.
            let delta = u < 0 ? 1 / (1 + exp(-u)) - p : q - 1 / (1 + exp(u))
            return a * g(delta / p) + b * g(-delta / q) + constant
        }
    }

    /// The gamma's x with P(X ≤ x) = p (or P(X > x) = p when `upper`), for 0 < p < 1.
    ///
    /// In the lower tail below x/θ = 1e-17 the closed form x = θ (p Γ(k+1))^(1/k), in logarithms
    /// (exact there; 0 only where x underflows); otherwise ``logNewton(from:within:_:)`` on
    /// ln(P/p) (or ln(p/Q)) over ln x, from Wilson and Hilferty's approximation. Accurate to the
    /// rounding of x wherever the tail probability is; valid for every k, θ > 0.
    /// - Complexity: a few CDF evaluations; at most 200.
    static func gammaInverse(_ p: Double, shape k: Double, scale theta: Double, upper: Bool) -> Double {
        let logP = log(p)
        let lnGamma = gsl_sf_lngamma(k)
        // P(k, y) = yᵏ/Γ(k+1) · (1 − k y/(k+1) + …), so for y < 1e-17 the first term is exact.
        let logY = (logP + gsl_sf_lngamma(k + 1)) / k
        if !upper && logY < -39 {
            let y = exp(logY)
            return y.isNormal ? y * theta : exp(logY + log(theta))
        }
        let z = upper ? gsl_cdf_ugaussian_Qinv(p) : gsl_cdf_ugaussian_Pinv(p)
        let c = 1 / (9 * k)
        let wilsonHilferty = k * pow(1 - c + z * c.squareRoot(), 3)
        let start = wilsonHilferty > 0 && k >= 1 ? wilsonHilferty : upper ? k : exp(logY)
        let y = logNewton(from: start, within: (.leastNonzeroMagnitude, .greatestFiniteMagnitude)) { y in
            let tail = gammaTail(y, shape: k, scale: 1, upper: upper)
            // ln(y f(y)) = k ln y − y − ln Γ(k); at large k as k g((y−k)/k) + ½ ln(k/2π) − ln Γ*(k).
            let logYDensity =
                k < largeGammaShape
                ? k * log(y) - y - lnGamma
                : k * gsl_sf_log_1plusx_mx((y - k) / k) + 0.5 * log(k / (2 * .pi)) - log(gsl_sf_gammastar(k))
            return (upper ? logRatio(p, tail) : logRatio(tail, p), exp(logYDensity - log(tail)))
        }
        return y * theta
    }

    /// Beta(a, b)'s x with P(X ≤ x) = p (or P(X > x) = p when `upper`), for 0 < p < 1: solved for
    /// x when the root lies in (0, ½], else for 1 − x ~ Beta(b, a), so that a root near 1 keeps
    /// the precision of its distance from 1 until 1 − x rounds. Valid for every a, b > 0.
    /// - Complexity: a few CDF evaluations; at most 201.
    static func betaInverse(_ p: Double, _ a: Double, _ b: Double, upper: Bool) -> Double {
        let half = betaTail(0.5, a, b, upper: upper)
        if upper ? p >= half : p <= half { return betaInverseBelowHalf(p, a, b, upper: upper) }
        return 1 - betaInverseBelowHalf(p, b, a, upper: !upper)
    }

    /// ``betaInverse(_:_:_:upper:)`` for a root in (0, ½]: where x (1 + |b − 1|) < 1e-17 the
    /// closed form x = (P a B(a, b))^(1/a) (the series' first term, exact there), else
    /// ``logNewton(from:within:_:)`` on ln(P/p) (or ln(p/Q)) over ln x.
    private static func betaInverseBelowHalf(_ p: Double, _ a: Double, _ b: Double, upper: Bool) -> Double {
        let lnBeta = gsl_sf_lnbeta(a, b)
        // I_x(a, b) = xᵃ/(a B(a, b)) · (1 − (b−1) a x/(a+1) + …). In the upper tail the closed form
        // holds P = 1 − p, whose rounding would swamp a small p.
        let logX = (log(upper ? 1 - p : p) + log(a) + lnBeta) / a
        if logX + log(1 + abs(b - 1)) < -39 && (!upper || p >= 1e-3) { return exp(logX) }
        return logNewton(from: min(exp(logX), 0.25), within: (.leastNonzeroMagnitude, 0.5)) { x in
            let tail = betaTail(x, a, b, upper: upper)
            let logXDensity = a * log(x) + (b - 1) * log1p(-x) - lnBeta
            return (upper ? logRatio(p, tail) : logRatio(tail, p), exp(logXDensity - log(tail)))
        }
    }

    /// ln(a/b) for a, b ≥ 0, without overflow or underflow in the quotient.
    static func logRatio(_ a: Double, _ b: Double) -> Double {
        let r = a / b
        return r.isNormal ? log(r) : log(a) - log(b)
    }

    /// The x in (low, high) where an increasing function h crosses zero, given h(x) and its
    /// derivative with respect to ln x: Newton's method on ln x, kept inside a shrinking bracket
    /// (a geometric bisection step whenever Newton would leave it). Returns once a step moves x by
    /// under 4 ulps, or the bracket closes, with the point of smallest |h| seen.
    /// - Complexity: a few evaluations near a simple root; at most 200 (bisection crosses the
    ///   whole range of positive doubles in about 64).
    static func logNewton(
        from start: Double, within bracket: (Double, Double),
        _ h: (Double) -> (value: Double, slope: Double)
    ) -> Double {
        var (low, high) = bracket
        var x = start > low && start < high ? start : geometricMiddle(low, high)
        var best = x
        var bestValue = Double.infinity
        for _ in 0..<200 {
            let (value, slope) = h(x)
            if abs(value) < bestValue { (best, bestValue) = (x, abs(value)) }
            if value == 0 { return x }
            if value < 0 { low = x } else { high = x }
            let step = -value / slope
            var next = x * exp(step)
            if next > low && next < high {
                if abs(step) <= 4 * .ulpOfOne { return next }
            } else {
                next = geometricMiddle(low, high)
            }
            guard next > low && next < high && next != x else { return best }
            x = next
        }
        return best
    }

    /// √(low · high), or the arithmetic middle where that rounds out of (low, high).
    private static func geometricMiddle(_ low: Double, _ high: Double) -> Double {
        let middle = low.squareRoot() * high.squareRoot()
        return middle > low && middle < high ? middle : low + (high - low) / 2
    }
}
