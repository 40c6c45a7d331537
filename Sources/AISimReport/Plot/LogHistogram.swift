import AISimCore
import Foundation

/// A histogram of one output on a logarithmic axis, read off its ``QuantileSketch``: what the
/// terminal and SVG plots draw.
///
/// The axis spans the 0.1st to the 99.9th percentile (so a long tail does not squash the
/// body); trials beyond it are counted as ``below`` and ``above``. Each sketch bucket (at most
/// 1.6% wide, far narrower than a bin) shares its count among the bins it overlaps, in
/// proportion to the overlap on the log axis: counts are the sample's own, smoothed over no
/// more than one bucket, and no mass appears where there were no trials. Densities are shares
/// of all trials per decade of x.
public struct LogHistogram: Sendable {
    /// log10 of the axis's left and right ends.
    public let lower: Double
    public let upper: Double
    /// Trials per bin, left to right.
    public let counts: [Double]
    /// Trials left and right of the axis.
    public let below: Double
    public let above: Double
    public let total: Int
    /// The value of every trial, when all have the same: a spike a bin wide would say no more.
    public let onlyValue: Double?

    /// A histogram of `bins` bins of `sketch`'s values.
    /// - Precondition: the sketch holds at least one value; `bins` > 0.
    public init(_ sketch: QuantileSketch, bins: Int) {
        precondition(sketch.count > 0 && bins > 0)
        let n = sketch.count
        let ranks = [Int((Double(n - 1) * 0.001).rounded()), Int((Double(n - 1) * 0.999).rounded())]
        let found = sketch.orderStatistics(ranks: ranks)
        var low = log10(found[ranks[0]]!.lower)
        var high = log10(found[ranks[1]]!.upper)
        if high - low < 0.1 {
            // A point, or nearly: a tenth of a decade around it.
            let middle = (low + high) / 2
            (low, high) = (middle - 0.05, middle + 0.05)
        }
        lower = low
        upper = high
        var counts = [Double](repeating: 0, count: bins)
        var below = 0.0
        var above = 0.0
        let width = (high - low) / Double(bins)
        for (key, count) in sketch.occupied {
            // The bucket's span on the axis, in bins; its count is shared by overlap.
            let (a, b) = sketch.bucket(key)
            let start = (log10(max(a, sketch.minimum)) - low) / width
            let end = (log10(min(b, sketch.maximum)) - low) / width
            let span = end - start
            guard span > 0 else {
                let bin = Int(start.rounded(.down))
                if bin < 0 {
                    below += Double(count)
                } else if bin >= bins {
                    above += Double(count)
                } else {
                    counts[bin] += Double(count)
                }
                continue
            }
            below += Double(count) * max(0, min(end, 0) - start) / span
            above += Double(count) * max(0, end - max(start, Double(bins))) / span
            var bin = max(0, Int(start.rounded(.down)))
            while bin < bins && Double(bin) < end {
                let overlap = min(end, Double(bin + 1)) - max(start, Double(bin))
                if overlap > 0 { counts[bin] += Double(count) * overlap / span }
                bin += 1
            }
        }
        self.counts = counts
        self.below = below
        self.above = above
        total = n
        onlyValue = sketch.minimum == sketch.maximum ? sketch.minimum : nil
    }

    /// The width of a bin, in decades.
    public var binWidth: Double { (upper - lower) / Double(counts.count) }

    /// Bin `i`'s share of all trials per decade of x.
    public func density(_ i: Int) -> Double { counts[i] / Double(total) / binWidth }

    /// Where `x` falls along the axis: 0 at the left end, 1 at the right.
    public func position(_ x: Double) -> Double { (log10(x) - lower) / (upper - lower) }

    /// Values for axis ticks within the axis: every power of ten, with 2 and 5 times them when
    /// the axis spans fewer than two decades, and 1.25 ... when it spans less than one.
    public var ticks: [Double] {
        for multiples in [[1.0], [1, 2, 5], [1, 1.5, 2, 3, 5, 7]] {
            var values: [Double] = []
            for decade in Int(lower.rounded(.down))...Int(upper.rounded(.up)) {
                for m in multiples {
                    let x = m * pow(10, Double(decade))
                    if (lower...upper).contains(log10(x)) { values.append(x) }
                }
            }
            if values.count >= 3 { return values }
        }
        return [pow(10, lower), pow(10, (lower + upper) / 2), pow(10, upper)]
    }
}

extension LogHistogram {
    /// The share of all trials at or above the left edge of bin `i` (0 ... bins; bin `bins`'s
    /// edge is the axis's right end): the exceedance curve P(X ≥ x) at the bins' edges, from
    /// the same counts as the density, so it falls by each bin's share.
    public func exceedance(atEdge i: Int) -> Double {
        precondition((0...counts.count).contains(i))
        return min(1, (above + counts[i...].reduce(0, +)) / Double(total))
    }

    /// P(X ≥ x) midway across bin `i`, as a bar of the terminal plot shows it.
    public func exceedance(atMiddleOf i: Int) -> Double {
        (exceedance(atEdge: i) + exceedance(atEdge: i + 1)) / 2
    }
}
