import Foundation

/// A Spearman rank correlation a prior sets between two uncertain inputs, in its
/// `[correlations]` table: `"world_flops, ai_share" = -0.3`.
public struct Correlation: Sendable, Equatable {
    public let first: Input
    public let second: Input
    /// The target Spearman rank correlation, in (−1, 1).
    public let spearman: Double
    /// The line that sets it, when known.
    public let line: Int?

    public init(_ first: Input, _ second: Input, spearman: Double, line: Int? = nil) {
        self.first = first
        self.second = second
        self.spearman = spearman
        self.line = line
    }

    /// `"a, b"`, as the key is written.
    public var key: String { "\(first.spec.name), \(second.spec.name)" }

    /// The correlation of the Gaussian copula's normals that gives Spearman ρ between any two
    /// continuous marginals: r = 2 sin(π ρ / 6) (Pearson 1907).
    public var gaussian: Double { 2 * sin(.pi * spearman / 6) }
}
