/// Spearman's rank correlation: Pearson's correlation of the two samples' ranks, with tied
/// values sharing their average rank.
///
/// Complexity: O(n log n) time (two sorts), O(n) memory.
public enum RankCorrelation {
    /// The ranks of `values` (1 ... n), tied values taking the mean of the ranks they span.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let shared = Double(start + end + 1) / 2
            for k in start..<end { ranks[order[k]] = shared }
            start = end
        }
        return ranks
    }

    /// Spearman's ρ between `x` and `y` (same length, at least 2); 0 when either is constant.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count && x.count >= 2)
        return pearson(ranks(x), ranks(y))
    }

    /// Pearson's correlation, computed about the means for accuracy.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx
            let dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
