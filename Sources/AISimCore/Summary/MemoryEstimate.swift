import Foundation

extension SummaryTuning {
    /// About how many bytes the exact summary of a run needs at its peak: the pilot (held twice
    /// while the keep plan is made), the kept windows with room for array growth, and the
    /// per-chunk moments. Scratch space per thread (about 130 KB) is left out.
    public func estimatedBytes(trials: Int, percentiles: [Percentile]) -> Double {
        let outputs = Double(Output.allCases.count)
        let n = Double(trials)
        let pilot = Double(pilotTrials(for: trials))
        let chunkMoments = n / Double(ChunkPlan.standardSize) * outputs * Double(MemoryLayout<BlockMoments>.stride)
        guard trials > keepAllLimit else { return n * outputs * 8 + chunkMoments }
        let keptShare = percentiles.reduce(0.0) { total, p in
            let q = p.value / 100
            let spread = q * (1 - q)
            let delta =
                windowSigmas * (spread * (1 / pilot + 1 / n)).squareRoot() + 3 * (spread / n).squareRoot() + 3 / pilot
            return total + min(1, 2 * delta)
        }
        return 2 * pilot * outputs * 8 + 2 * min(1, keptShare) * n * outputs * 8 + chunkMoments
    }
}

/// What the operating system says about memory.
public enum SystemMemory {
    /// Bytes available to a new allocation without swapping (`MemAvailable` in /proc/meminfo),
    /// or nil where that is unknown.
    public static func available() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kilobytes = Double(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }

    /// `bytes` in the unit that reads best: "512 MB", "3.2 GB".
    public static func describe(_ bytes: Double) -> String {
        if bytes >= 1e9 { return String(format: "%.1f GB", bytes / 1e9) }
        return String(format: "%.0f MB", max(1, bytes / 1e6))
    }
}
