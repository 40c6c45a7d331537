import Algorithms

/// Exact order statistics by selection, without sorting everything.
///
/// Multi-quickselect: partition around a pivot (the median of three, or Tukey's ninther of nine
/// on large ranges), then recurse only into the parts that hold a wanted rank. Each partition
/// is two branch-free passes (Lomuto's scheme without branches, as in pdqsort's block variants):
/// values below the pivot, then, in the rest, values equal to it, so runs of equal values end
/// the recursion instead of making it quadratic. Expected O(n log k) for k ranks; a part that
/// recurses deeper than 2·log2(n) + 8 is sorted instead, which bounds the worst case at
/// O(n log n).
enum Selection {
    /// Rearranges `values` so that `values[r]` is the r-th smallest (0-based) for every `r` in
    /// `ranks`, and returns those values in the order of `ranks`. NaN must not occur.
    static func select(ranks: [Int], in values: UnsafeMutableBufferPointer<Double>) -> [Double] {
        let wanted = Array(Set(ranks)).sorted()
        precondition(wanted.allSatisfy { $0 >= 0 && $0 < values.count }, "rank out of range")
        var depthLimit = 8
        var n = values.count
        while n > 1 {
            depthLimit += 2
            n >>= 1
        }
        select(values, 0, values.count, wanted[...], depthLimit)
        return ranks.map { values[$0] }
    }

    private static func select(
        _ v: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int,
        _ ranks: ArraySlice<Int>, _ depth: Int
    ) {
        guard !ranks.isEmpty, high - low > 1 else { return }
        if high - low <= 32 || depth == 0 {
            var slice = UnsafeMutableBufferPointer(rebasing: v[low..<high])
            slice.sort()
            return
        }
        let pivot = choosePivot(v, low, high)
        let less = partition(v, low, high) { $0 < pivot }
        let notGreater = partition(v, less, high) { $0 <= pivot }
        // Now v[low..<less] < pivot, v[less..<notGreater] == pivot, v[notGreater..<high] > pivot.
        let split = ranks.partitioningIndex { $0 >= less }
        let rightStart = ranks.partitioningIndex { $0 >= notGreater }
        select(v, low, less, ranks[..<split], depth - 1)
        select(v, notGreater, high, ranks[rightStart...], depth - 1)
    }

    /// Moves the values satisfying `isLeft` to the front of `low..<high`, keeping no order, and
    /// returns where the rest begin. One pass, no data-dependent branches.
    @inline(__always)
    private static func partition(
        _ v: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int,
        _ isLeft: (Double) -> Bool
    ) -> Int {
        let base = v.baseAddress!
        var store = low
        for i in low..<high {
            let x = base[i]
            base[i] = base[store]
            base[store] = x
            store &+= isLeft(x) ? 1 : 0
        }
        return store
    }

    private static func choosePivot(_ v: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int) -> Double {
        let n = high - low
        let mid = low + n / 2
        if n < 1024 { return median(v[low], v[mid], v[high - 1]) }
        let step = n / 8
        return median(
            median(v[low], v[low + step], v[low + 2 * step]),
            median(v[mid - step], v[mid], v[mid + step]),
            median(v[high - 1 - 2 * step], v[high - 1 - step], v[high - 1]))
    }

    private static func median(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
