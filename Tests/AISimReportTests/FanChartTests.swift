import AISimCore
import Foundation
import Testing

@testable import AISimReport

/// FanChart.swift: the fan chart's layout, from the numbers it is drawn from, and its
/// rendering by librsvg.
@Suite("Fan chart")
struct FanChartTests {
    static let prior = """
        title = "A timeline whose title is long enough to wrap across the canvas, with more words to be sure of it"
        [inputs]
        compute_growth = "1.5 to 3"
        serial_speed_growth = "1 to 1.3"
        horizon = "1 to 1000"
        """

    func chart(years: [Double], thresholds: [Threshold], notation: Notation = .default) throws -> FanChart {
        let prior = try Prior.parse(Self.prior, source: "t.toml")
        var options = SimulationOptions(
            trials: 4000,
            percentiles: FanChart.drawn.map { Percentile(value: $0, label: NumberFormat.compact($0)) })
        options.thresholds = thresholds
        let timeline = Timeline(years: years)
        let results = try timeline.run(prior, options: options)
        return FanChart(
            prior: prior, years: years, results: results, outputs: [.parallelTokensPerS, .streams], notation: notation)
    }

    @Test(
        "no two texts overlap and none leaves the canvas: many years, one year, crowded thresholds, every notation")
    func layout() throws {
        let crowded = [1e7, 1.1e7, 1.2e7, 1.3e7, 5e8].map { Threshold(.streams, .atLeast, $0) }
        for years in [Array(stride(from: 2024.0, through: 2100, by: 1)), [2030], [2024, 2024.5, 2025]] {
            for notation in Notation.allCases {
                let drawn = try chart(years: years, thresholds: crowded, notation: notation).draw()
                let what = "\(years.count) years, \(notation)"
                for (i, a) in drawn.texts.enumerated() {
                    let box = a.box
                    #expect(box.minX >= 0 && box.maxX <= FanChart.width, "\(what): \(a.text) leaves the canvas")
                    #expect(box.minY >= 0 && box.maxY <= drawn.height, "\(what): \(a.text) leaves the canvas")
                    for b in drawn.texts[(i + 1)...] {
                        #expect(!box.overlaps(b.box), "\(what): \"\(a.text)\" overlaps \"\(b.text)\"")
                    }
                }
                #expect(drawn.texts.filter { $0.fill == "#d62728" }.count == 5, "\(what): every threshold labelled")
            }
        }
    }

    @Test("a sweep over decades is drawn on a log axis: values a decade apart are equally spaced")
    func sweepAxis() throws {
        let prior = try Prior.parse(Self.prior, source: "t.toml")
        let values = [1.0, 10, 100, 1000]
        let sweep = Sweep(axes: [Sweep.Axis(input: .horizon, values: values.map { NumberFormat.exact($0) })])
        let options = SimulationOptions(
            trials: 2000, percentiles: FanChart.drawn.map { Percentile(value: $0, label: NumberFormat.compact($0)) })
        let chart = FanChart(
            prior: prior, input: .horizon, values: values, results: try sweep.run(prior, options: options),
            outputs: [.streams])
        #expect(chart.logX && chart.axisTitle == "horizon (token-eq, log scale)")
        let median = try #require(
            chart.render().split(separator: "\n").first { $0.hasPrefix("<polyline class=\"median\"") })
        let xs = median.split(separator: "\"")[3].split(separator: " ").map { Double($0.split(separator: ",")[0])! }
        let gaps = zip(xs, xs.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { abs($0 - gaps[0]) < 0.02 }, "\(gaps)")
        // log P = c + ½ log H: the median rises by a factor √10 a decade, so the steps in y are equal too.
        let ys = median.split(separator: "\"")[3].split(separator: " ").map { Double($0.split(separator: ",")[1])! }
        #expect(ys[3] < ys[0])
    }

    @Test("two bands and a median per output, from the runs' own percentiles; librsvg renders it at its size")
    func bandsAndRendering() throws {
        let years = [2024.0, 2028, 2032]
        let chart = try chart(years: years, thresholds: [Threshold(.streams, .atLeast, 1e8)])
        let svg = chart.render()
        #expect(svg.components(separatedBy: "<polygon class=\"band\"").count - 1 == 4)
        #expect(svg.components(separatedBy: "<polyline class=\"median\"").count - 1 == 2)
        #expect(svg.contains("<line class=\"threshold\" data-value=\"100000000.0\""))
        // The median rises with compute growth: its last point is above (a smaller y than) its first.
        let median = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<polyline class=\"median\"") })
        let points = median.split(separator: "\"")[3].split(separator: " ").map {
            $0.split(separator: ",").map { Double($0)! }
        }
        #expect(points.count == 3 && points[2][1] < points[0][1])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try LabelLayoutTests.expectRendered(svg, height: Int(chart.draw().height), in: directory, "fan chart")
    }
}
