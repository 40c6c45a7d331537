import AISimCore
import Foundation
import Testing

@testable import AISimReport

/// LabelLayout.swift, and the plots it lays out: no label overlaps another or a leader, none
/// leaves the canvas, on point, bimodal, very wide and very narrow distributions.
@Suite("Label layout")
struct LabelLayoutTests {
    /// A small linear congruential generator, so the cases are the same every run.
    struct Cases {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Double>) -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Double(state >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
        }
    }

    /// With labels at most 30 wide on bounds 100 wide, each fits facing one way or the other,
    /// so every label must sit beside its anchor; its leader must be clear unless two labels
    /// cover each other's leaders, which crowding can force (and is rare here).
    @Test("random labels, clustered and at the edges, never overlap, stay in bounds, and keep every leader clear")
    func random() {
        let layout = LabelLayout(bounds: 0...100, inset: 3, leaderHalfWidth: 1, gap: 2)
        var cases = Cases(state: 7)
        var crowded = 0
        for trial in 0..<2000 {
            // Clusters at a random centre, often near an edge.
            let centre = cases.next(0...100)
            let spread = cases.next(1...60)
            var labels: [(anchor: Double, width: Double)] = []
            for _ in 0..<Int(cases.next(1...8.99)) {
                let anchor = min(100, max(0, centre + cases.next(-spread...spread)))
                guard labels.allSatisfy({ abs($0.anchor - anchor) > 2 }) else { continue }
                labels.append((anchor, cases.next(4...30)))
            }
            let placed = layout.place(labels)
            func covers(_ p: LabelLayout.Placement, _ anchor: Double) -> Bool {
                p.start < anchor + 1 && anchor - 1 < p.end
            }
            let mutual = placed.indices.contains { i in
                placed.indices.contains { j in
                    i != j && covers(placed[i], labels[j].anchor) && covers(placed[j], labels[i].anchor)
                }
            }
            if mutual { crowded += 1 }
            for (i, p) in placed.enumerated() {
                let (anchor, width) = labels[i]
                #expect(p.start >= 0 && p.end <= 100 && p.width == width, "case \(trial): label \(i) leaves the bounds")
                #expect(
                    abs(p.facesLeft ? p.end - (anchor - 3) : p.start - (anchor + 3)) < 1e-9,
                    "case \(trial): label \(i) is not beside its anchor")
                for (j, q) in placed.enumerated() where j != i {
                    if p.row == q.row && i < j {
                        #expect(
                            p.end + 2 <= q.start || q.end + 2 <= p.start, "case \(trial): labels \(i) and \(j) overlap")
                    }
                    if q.row < p.row && !mutual {
                        #expect(
                            q.end <= anchor - 1 || q.start >= anchor + 1,
                            "case \(trial): label \(j) (row \(q.row)) crosses label \(i)'s leader (row \(p.row))")
                    }
                }
            }
        }
        #expect(crowded < 20, "\(crowded) of 2000 cases too crowded to check leaders")
    }

    @Test("close anchors stack outward, the rightmost nearest the axis; a label at the right edge faces left")
    func stacks() {
        let layout = LabelLayout(bounds: 0...100, inset: 3, leaderHalfWidth: 1, gap: 2)
        let placed = layout.place([(10, 20), (14, 20), (40, 20), (95, 20)])
        #expect(placed.map(\.row) == [1, 0, 0, 0])
        #expect(placed.map(\.facesLeft) == [false, false, false, true])
        #expect(placed[3].end == 92)
    }

    @Test("markers in one place share a label; their names are listed, with one value when they show one")
    func merged() {
        let labels = MarkerLabel.merged(
            [("p95", "2.00", 50.4), ("p5", "1.00", 10), ("p50", "2.00", 50)], within: 0.5)
        #expect(
            labels == [
                MarkerLabel(text: "p5 1.00", anchor: 10, members: [1]),
                MarkerLabel(text: "p50, p95 2.00", anchor: 50, members: [2, 0]),
            ])
        #expect(MarkerLabel.merged([("a", "1", 0), ("b", "2", 0)], within: 0.5).map(\.text) == ["a 1, b 2"])
    }

    /// The distributions the plots must lay out, with their thresholds for the exceedance view.
    static let priors: [(name: String, toml: String, thresholds: [Double])] = [
        ("point", "[inputs]\nhorizon = 1\n", [6e5]),
        ("bimodal", "[inputs]\nhorizon = \"mixture(0.5: 1 to 3, 0.5: 1000 to 3000)\"\n", [1e6, 1.1e6, 3e7]),
        ("very wide", "[inputs]\nhorizon = \"1 to 1e12\"\n", [1, 1e5, 1.01e5, 1e15]),
        ("very narrow", "[inputs]\nhorizon = \"uniform(100, 100.001)\"\n", [6.166e6, 6.1661e6]),
        (
            "long title",
            "title = \"\(String(repeating: "a very long title for a prior ", count: 8))and\(String(repeating: "W", count: 90))\"\n[inputs]\nhorizon = \"1 to 1000\"\n",
            [3e5]
        ),
    ]

    static func report(_ toml: String, thresholds: [Double], notation: Notation) throws -> RunReport {
        let prior = try Prior.parse(toml, source: "p.toml")
        var options = SimulationOptions(trials: 20_000, seed: 4, threads: 1)
        options.distributionsKept = [.parallelTokensPerS, .streams]
        options.thresholds = thresholds.map { Threshold(.streams, .atLeast, $0) }
        return RunReport(prior: prior, result: try Simulation.run(prior, options: options), notation: notation)
    }

    /// Every text's box (``SVGText``'s monospace model) lies on the canvas and clear of every
    /// other and of every marker's line; librsvg renders the SVG at the size it states.
    @Test(
        "SVG labels never overlap, cross a marker's line or leave the canvas; librsvg renders them at the stated size")
    func svg() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, toml, thresholds) in Self.priors {
            for notation in Notation.allCases {
                let report = try Self.report(toml, thresholds: thresholds, notation: notation)
                for kind in PlotKind.allCases {
                    let what = "\(name), \(notation), \(kind)"
                    let plot = SVGPlot(report: report, outputs: [.parallelTokensPerS, .streams], kind: kind)
                    let canvas = plot.draw()
                    let boxes = canvas.texts.map(\.box)
                    for (text, box) in zip(canvas.texts, boxes) {
                        #expect(
                            box.minX >= 0 && box.maxX <= SVGPlot.width && box.minY >= 0 && box.maxY <= canvas.height,
                            "\(what): '\(text.text)' leaves the canvas")
                    }
                    for i in boxes.indices {
                        for j in boxes.indices where j > i && boxes[i].overlaps(boxes[j]) {
                            Issue.record("\(what): '\(canvas.texts[i].text)' overlaps '\(canvas.texts[j].text)'")
                        }
                        for line in canvas.markerLines {
                            let stroke = SVGText.Box(
                                minX: line.x - 0.75, minY: line.top, maxX: line.x + 0.75, maxY: line.bottom)
                            #expect(
                                !stroke.overlaps(boxes[i]), "\(what): a marker's line crosses '\(canvas.texts[i].text)'"
                            )
                        }
                    }
                    try Self.expectRendered(plot.render(), height: Int(canvas.height), in: directory, what)
                }
            }
        }
    }

    /// Renders `svg` to PNG with librsvg and checks the PNG's size (its IHDR chunk: width and
    /// height, big-endian, from byte 16).
    static func expectRendered(_ svg: String, height: Int, in directory: URL, _ what: String) throws {
        let source = directory.appendingPathComponent("plot.svg")
        let png = directory.appendingPathComponent("plot.png")
        try svg.write(to: source, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
        process.arguments = ["-f", "png", "-o", png.path, source.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(what): rsvg-convert failed")
        let bytes = [UInt8](try Data(contentsOf: png))
        func number(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(bytes.count > 24 && number(at: 16) == Int(SVGPlot.width) && number(at: 20) == height, "\(what)")
    }

    /// Each marker's `▲` is in its own column (the column its value falls in), every label is
    /// drawn whole, and every line fits 80 columns.
    @Test("terminal markers sit in their values' columns, none dropped or overprinted, within 80 columns")
    func terminal() throws {
        for (name, toml, _) in Self.priors {
            for notation in Notation.allCases {
                let report = try Self.report(toml, thresholds: [], notation: notation)
                let markers = SimulationResult.markedPercentiles.map { p in
                    (label: "p\(NumberFormat.compact(p))", value: report.result.percentile(p, of: .streams))
                }
                let plot = TerminalPlot(
                    output: .streams, sketch: try #require(report.result.distributions[.streams]), markers: markers,
                    notation: notation, unicode: true)
                let what = "\(name), \(notation)"
                #expect(plot.render().split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(what)")
                if plot.histogram.onlyValue != nil { continue }
                let rows = plot.markerRows().map(Array.init)
                for marker in markers {
                    #expect(rows[0][plot.column(marker.value)] == "▲", "\(what): \(marker.label)")
                }
                let labels = MarkerLabel.merged(
                    markers.map {
                        (name: $0.label, value: notation.format($0.value), anchor: Double(plot.column($0.value)))
                    },
                    within: 0.5)
                #expect(rows[0].filter { $0 == "▲" }.count == labels.count, "\(what): one ▲ per label")
                for label in labels {
                    #expect(rows.contains { String($0).contains(label.text) }, "\(what): \(label.text) missing")
                }
            }
        }
    }
}
