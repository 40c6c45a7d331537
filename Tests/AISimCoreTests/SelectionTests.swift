import Foundation
import Testing

@testable import AISimCore

@Suite("Selection and percentile positions")
struct SelectionTests {
    func check(_ values: [Double], ranks: [Int]) {
        var copy = values
        let selected = copy.withUnsafeMutableBufferPointer { Selection.select(ranks: ranks, in: $0) }
        let sorted = values.sorted()
        #expect(selected == ranks.map { sorted[$0] })
        #expect(copy.sorted() == sorted, "selection only reorders")
    }

    @Test("selected order statistics equal those of a full sort")
    func matchesSort() {
        let generator = Generator(seed: 1)
        for n in [1, 2, 31, 33, 1000, 100_003] {
            let values = (0..<n).map { _ in generator.uniform() }
            let ranks = Array(Set([0, n - 1, n / 2, n / 3, (n * 99) / 100, max(0, n / 2 - 1)]))
            check(values, ranks: ranks)
            check(values.sorted(), ranks: ranks)
            check(values.sorted().reversed(), ranks: ranks)
            check(values.map { ($0 * 5).rounded() }, ranks: ranks)
            check([Double](repeating: 3, count: n), ranks: ranks)
        }
    }

    @Test("percentile positions interpolate at (n − 1) p / 100, as numpy does")
    func positions() throws {
        let p = try Percentile.parseList("0,25,50,99.9,100")
        #expect(p.map(\.key) == ["p0", "p25", "p50", "p99.9", "p100"])
        #expect(p[2].position(among: 10) == (4, 5, 0.5))
        #expect(p[1].position(among: 5) == (1, 1, 0))
        #expect(p[0].position(among: 7) == (0, 0, 0))
        #expect(p[4].position(among: 7) == (6, 6, 0))
        #expect(p[2].position(among: 1) == (0, 0, 0))
    }

    @Test(
        "percentile lists reject what they cannot mean",
        arguments: [
            ("5,101", "101 is above 100"), ("5,,50", "an empty entry"), ("5,5.0", "listed twice"),
            ("-1", "is not a plain decimal"), ("1e1", "is not a plain decimal"), ("abc", "is not a plain decimal"),
            ("5.", "is not a plain decimal"),
        ])
    func badLists(_ text: String, _ expected: String) {
        let error = #expect(throws: PercentileListError.self) { try Percentile.parseList(text) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
    }
}
