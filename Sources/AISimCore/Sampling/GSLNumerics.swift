import CGSL

/// The numerical routines aisim takes from GSL, behind Swift signatures.
enum GSLNumerics {
    /// ∫ f(x) dx from `a` to `b` by GSL's adaptive QAGS, which copes with integrable
    /// singularities at the ends (as a quantile function has at 0 and 1). Returns nil when GSL
    /// cannot reach the tolerance (relative 1e-10), as for an integral that diverges.
    static func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double? {
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
                var result = 0.0, error = 0.0
                let status = gsl_integration_qags(&function, a, b, 0, 1e-10, 1000, workspace, &result, &error)
                return status == GSL_SUCCESS && result.isFinite ? result : nil
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
              let permutation = gsl_permutation_alloc(n) else { return nil }
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
