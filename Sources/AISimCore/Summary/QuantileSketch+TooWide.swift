import Foundation

extension QuantileSketch {
    /// What a sketch that is ``isTooWide`` tells the user: the output's range as far as it was
    /// seen, and the limit it broke.
    func tooWide(_ output: Output) -> String {
        let octaves = String(format: "%.0f", log2(maximum / minimum))
        let limit = SystemMemory.describe(Double(Self.maxBuckets * MemoryLayout<Int>.stride))
        return
            "\(output.spec.name) ranges at least from \(NumberFormat.short(minimum)) to \(NumberFormat.short(maximum)) "
            + "(\(octaves) octaves), too wide for a sketch of relative accuracy \(NumberFormat.compact(accuracy)), which holds at most "
            + "\(NumberFormat.grouped(Self.maxBuckets)) buckets (\(limit)) per output and thread"
    }

    /// The finest accuracy whose sketch of ``minimum`` to ``maximum`` fits, rounded up to two
    /// significant digits (which keeps its resolution), as `--accuracy` takes it; nil when
    /// none fits.
    var fittingAccuracy: String? {
        guard let fitting = Self.accuracy(spanning: minimum, maximum) else { return nil }
        let scale = pow(10, (log10(fitting)).rounded(.down) - 1)
        return NumberFormat.compact((fitting / scale).rounded(.up) * scale)
    }
}
