import Foundation
import Testing

@testable import AISimCore

/// The summary machinery on arbitrary data, against a full sort.
@Suite("Exact percentiles of arrays")
struct ExactPercentilesTests {
    static let percentiles = try! Percentile.parseList("0,0.1,1,5,10,25,50,75,90,95,99,99.9,100")

    /// numpy's default percentile of sorted values.
    func reference(_ sorted: [Double], _ p: Percentile) -> Double {
        let x = p.position(among: sorted.count)
        return x.fraction == 0 ? sorted[x.lower] : sorted[x.lower] + x.fraction * (sorted[x.upper] - sorted[x.lower])
    }

    static var streaming: SummaryTuning {
        var tuning = SummaryTuning()
        tuning.keepAllLimit = 0
        tuning.minimumPilot = 1 << 12
        return tuning
    }

    @Test(
        "equal to a full sort on data of many shapes",
        arguments: [
            "lognormal", "uniform", "heavy tail", "few distinct values", "sorted", "reversed", "half constant",
            "pilot misleads",
        ])
    func matchesSort(_ shape: String) {
        let generator = Generator(seed: 77)
        let n = 200_003
        var values: [Double] = (0..<n).map { i in
            let u = generator.uniform()
            switch shape {
            case "lognormal": return exp(3 * (u - 0.5) * 4)
            case "uniform": return 1 + u
            case "heavy tail": return 1 / (u + 1e-12)
            case "few distinct values": return Double(1 + Int(u * 5))
            case "sorted", "reversed": return Double(i + 1)
            case "half constant": return u < 0.5 ? 7 : 7 + u
            // The pilot (the first values) comes from a different range than the rest, so
            // every window misses and the extra pass must find all ranks.
            case "pilot misleads": return i < 20_000 ? 1000 + u : 1 + u
            default: fatalError()
            }
        }
        if shape == "reversed" { values.reverse() }
        let sorted = values.sorted()
        let expected = Self.percentiles.map { reference(sorted, $0) }
        for tuning in [SummaryTuning(), Self.streaming] {
            let computed = values.withUnsafeBufferPointer { ExactPercentiles.of($0, Self.percentiles, tuning: tuning) }
            #expect(computed == expected, "\(shape), keep-all limit \(tuning.keepAllLimit)")
        }
    }
}
