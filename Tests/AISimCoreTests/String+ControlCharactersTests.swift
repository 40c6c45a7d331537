import Testing

@testable import AISimCore

/// Text from a prior file shown on a terminal or in an SVG: every control character escaped.
@Suite("Control characters in shown text")
struct StringControlCharactersTests {
    @Test(
        "controls, bidirectional overrides and XML's noncharacters become visible escapes",
        arguments: [
            ("plain title", "plain title"),
            ("red \u{1B}[31m", "red \\u001B[31m"),
            ("bell\u{7}", "bell\\u0007"),
            ("rtl \u{202E}olleh", "rtl \\u202Eolleh"),
            ("isolate \u{2066}x\u{2069}", "isolate \\u2066x\\u2069"),
            ("c1 \u{85}", "c1 \\u0085"),
            ("del \u{7F}", "del \\u007F"),
            ("tab\tstays", "tab\tstays"),
            ("line\nfeed", "line\\u000Afeed"),
            ("non\u{FFFF}char", "non\\uFFFFchar"),
            ("ünïcödé ✓", "ünïcödé ✓"),
        ])
    func escaped(_ text: String, _ expected: String) {
        #expect(text.escapingControlCharacters() == expected)
    }

    @Test("line feeds stay when asked, other controls still go")
    func lineFeeds() {
        #expect("a\nb\u{1B}".escapingControlCharacters(keepingLineFeeds: true) == "a\nb\\u001B")
    }
}
