import Foundation

/// The Gaussian copula that joins a prior's correlated inputs: the inputs, and the lower
/// Cholesky factor L (from GSL) of their normals' correlation matrix, so that L z has that
/// correlation for independent standard normals z.
public struct Copula: Sendable, Equatable {
    public let inputs: [Input]
    public let cholesky: [[Double]]

    /// The copula for `correlations`, or an error naming what is wrong.
    ///
    /// - Throws: ``PriorError`` when the correlations cannot hold together (the matrix is not
    ///   positive definite), naming the pairs that conflict.
    init?(_ correlations: [Correlation], file: String) throws(PriorError) {
        guard !correlations.isEmpty else { return nil }
        let inputs = Array(Set(correlations.flatMap { [$0.first, $0.second] })).sorted { $0.rawValue < $1.rawValue }
        func matrix(without skipped: Int? = nil) -> [[Double]] {
            var m = inputs.map { a in inputs.map { b in a == b ? 1.0 : 0.0 } }
            for (index, c) in correlations.enumerated() where index != skipped {
                let i = inputs.firstIndex(of: c.first)!
                let j = inputs.firstIndex(of: c.second)!
                m[i][j] = c.gaussian
                m[j][i] = c.gaussian
            }
            return m
        }
        guard let cholesky = GSLNumerics.cholesky(matrix()) else {
            let culprits = correlations.indices.filter { GSLNumerics.cholesky(matrix(without: $0)) != nil }.map {
                correlations[$0]
            }
            let named = (culprits.isEmpty ? correlations : culprits).map { "\"\($0.key)\" = \($0.spearman)" }
            throw PriorError(
                file: file, line: (culprits.first ?? correlations.first)?.line,
                message:
                    "[correlations] cannot all hold at once (their matrix is not positive definite); \(culprits.isEmpty ? "the pairs" : culprits.count == 1 ? "the pair that conflicts with the others is" : "any one of these pairs conflicts with the others:") \(named.joined(separator: ", "))"
            )
        }
        self.inputs = inputs
        self.cholesky = cholesky
    }
}
