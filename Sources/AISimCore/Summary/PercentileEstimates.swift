/// The one place where order statistics become percentile estimates with 95% intervals, for
/// both the exact pipeline and quantile sketches.
///
/// An estimate interpolates between the two order statistics around (n − 1)·p
/// (``Percentile/interpolate(_:among:orderStatistics:)``, numpy's default). Its interval runs
/// between two more order statistics: for random sampling, the ranks the Binomial(n, p) law
/// gives (``IntervalRanks/binomial(_:among:level:)``); for a design, the ranks its replicates'
/// spread gives (``IntervalRanks/replicated(_:among:shares:level:)``), known only once the
/// estimates are.
enum PercentileEstimates {
    /// The ranks bounding each percentile's interval under random sampling of `n` trials.
    static func binomialBounds(_ percentiles: [Percentile], among n: Int) -> [(lower: Int?, upper: Int?)] {
        percentiles.map { IntervalRanks.binomial($0.value / 100, among: n) }
    }

    /// The ranks of `bounds`, in order, without the sides too few trials can bound.
    static func ranks(of bounds: [(lower: Int?, upper: Int?)]) -> [Int] {
        bounds.flatMap { [$0.lower, $0.upper].compactMap { $0 } }
    }

    /// The percentiles' estimates from order statistics (rank → value).
    static func estimates(_ percentiles: [Percentile], among n: Int, orderStatistics: [Int: Double]) -> [Double] {
        Percentile.interpolate(percentiles, among: n, orderStatistics: orderStatistics)
    }

    /// The intervals whose ends are the order statistics at `bounds`: `lower(rank)` for a
    /// lower end and `upper(rank)` for an upper one (the value itself, or the outer edges of
    /// a sketch's bucket).
    /// - Precondition: both functions know every rank in `bounds`.
    static func intervals(_ bounds: [(lower: Int?, upper: Int?)], lower: (Int) -> Double, upper: (Int) -> Double)
        -> [ConfidenceInterval]
    {
        bounds.map { ConfidenceInterval(lower: $0.lower.map(lower), upper: $0.upper.map(upper)) }
    }
}
