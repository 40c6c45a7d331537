import Foundation
import Testing

@testable import AISimCore

/// Copula.swift and Correlation.gaussian: a Spearman rank correlation ρ becomes the Gaussian
/// copula's r = 2 sin(πρ/6) (Pearson 1907), the only r whose normal pairs have rank
/// correlation ρ.
@Suite("Gaussian copula")
struct CopulaTests {
    @Test(
        "the Spearman-to-normal conversion is 2 sin(πρ/6), which the copula's matrix holds",
        arguments: [-0.9, -0.3, 0.2, 0.5, 0.6, 0.95])
    func conversion(rho: Double) throws {
        let correlation = Correlation(.worldFlops, .aiShare, spearman: rho, line: nil)
        #expect(correlation.gaussian == 2 * sin(Double.pi * rho / 6))
        // Its inverse, (6/π) asin(r/2), gives ρ back: Spearman's rho of a bivariate normal.
        #expect(abs(6 / Double.pi * asin(correlation.gaussian / 2) - rho) < 1e-15)
        let copula = try #require(try Copula([correlation], file: "c.toml"))
        // L Lᵀ off the diagonal is the matrix entry, 2 sin(πρ/6), to the Cholesky's rounding.
        let l = copula.cholesky
        #expect(abs(l[1][0] * l[0][0] + l[1][1] * l[0][1] - 2 * sin(Double.pi * rho / 6)) < 1e-15)
        #expect(abs(l[1][0] - rho) > 0.004, "the matrix must not hold ρ itself")
    }
}
