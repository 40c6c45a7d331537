import CGSL
import Foundation
import Testing

@testable import AISimCore
@testable import AISimReport

/// Notation.swift: the table and plots write every number in sci, si or words alike.
@Suite("Number notation")
struct NotationTests {
    @Test(
        "sci, si and words write the same three significant digits",
        arguments: [
            (3.0832e7, "3.08e7", "30.8 M", "30.8 million"),
            (999.6e6, "1.00e9", "1.00 G", "1.00 billion"),
            (617.0, "617", "617", "617"),
            (0.25, "0.250", "0.250", "0.250"),
            (1.62e13, "1.62e13", "16.2 T", "16.2 trillion"),
            (4e35, "4.00e35", "4.00e35", "400 decillion"),
            (2e37, "2.00e37", "2.00e37", "2.00e37"),
        ])
    func notation(x: Double, sci: String, si: String, words: String) {
        #expect(Notation.sci.format(x) == sci)
        #expect(Notation.si.format(x) == si)
        #expect(Notation.words.format(x) == words)
    }

    @Test("tick labels drop trailing zeros")
    func ticks() {
        #expect(
            Notation.sci.tick(1e9) == "1e9" && Notation.si.tick(1e9) == "1 G"
                && Notation.words.tick(2.5e6) == "2.5 million")
    }
}
