import Foundation
import Testing

/// End to end: progress, terminal plots, SVG rendered by a real renderer, explain and report.
@Suite("aisim progress, plots, explain and report")
struct PlotArgumentsTests {
    /// Runs `executable` with `arguments`, returning its status and stdout.
    func tool(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (
        status: Int32, stdout: Data
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    @Test("progress goes to a terminal only, and stdout is byte-identical with and without it")
    func progress() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try aisim(["--trials", "3e6", "--format", "json"])
        #expect(plain.status == 0 && plain.stderr.isEmpty, "no terminal, no progress")
        for (quiet, name) in [(false, "shown"), (true, "quiet")] {
            // script(1) gives aisim a pseudo-terminal for stderr; stdout goes to a file.
            let command = "'\(aisimBinary.path)' --trials 3e6 --format json\(quiet ? " --quiet" : "") > \(name).json"
            let status = try tool("/usr/bin/script", ["-qec", command, "\(name).log"], in: directory).status
            #expect(status == 0)
            let json = try String(contentsOf: directory.appendingPathComponent("\(name).json"), encoding: .utf8)
            #expect(json == plain.stdout, "\(name): stdout unchanged")
            let log = try String(contentsOf: directory.appendingPathComponent("\(name).log"), encoding: .utf8)
            #expect(log.contains("trials/s · ETA") == !quiet, "\(name): \(log.suffix(300))")
            if !quiet { #expect(log.contains("of 3,000,000 trials") && log.contains("\r\u{1B}[K")) }
        }
    }

    @Test(
        "sweep, sensitivity and compare show their rows, runs and the phases after the last trial",
        arguments: [
            ("sweep --vary horizon=1,10 --trials 1e6", ["row 1 of 2 · ", "row 2 of 2 · "]),
            ("sensitivity --trials 3e5", ["300,000 trials done · sensitivity: ranking the samples for "]),
            (
                "compare finnveden-2023 long-horizon --trials 1e6",
                ["run 1 of 3 · ", "run 3 of 3 · "]
            ),
        ])
    func phases(_ command: String, _ shown: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = "'\(aisimBinary.path)' \(command) > out.txt"
        #expect(try tool("/usr/bin/script", ["-qec", run, "log"], in: directory).status == 0)
        let log = try String(contentsOf: directory.appendingPathComponent("log"), encoding: .utf8)
        for part in shown { #expect(log.contains(part), "\(part): \(log.suffix(400))") }
        let quiet = "'\(aisimBinary.path)' \(command) --quiet > out.txt"
        #expect(try tool("/usr/bin/script", ["-qec", quiet, "quiet.log"], in: directory).status == 0)
        let silent = try String(contentsOf: directory.appendingPathComponent("quiet.log"), encoding: .utf8)
        #expect(!silent.contains("aisim: "), "--quiet: \(silent.suffix(200))")
    }

    @Test("--plot draws within 80 columns under the unchanged table, in Unicode blocks or plain ASCII")
    func terminalPlot() throws {
        let table = try aisim(["--trials", "1e5"])
        for (locale, expected) in [("C.UTF-8", "█"), ("C", "#")] {
            let plotted = try aisim(
                ["--trials", "1e5", "--plot"], environment: ["LC_ALL": locale, "LC_CTYPE": locale, "LANG": locale])
            #expect(plotted.status == 0 && plotted.stdout.hasPrefix(table.stdout + "\n"))
            let plot = plotted.stdout.dropFirst(table.stdout.count)
            #expect(
                plot.contains("parallel_tokens_per_s (token-eq/s): 100,000 trials")
                    && plot.contains("streams: 100,000 trials"))
            #expect(plot.contains(expected) && plot.contains("p5 ") && plot.contains("p50 ") && plot.contains("p95 "))
            #expect(plot.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(plot)")
            if locale == "C" { #expect(plot.unicodeScalars.allSatisfy { $0.isASCII }) }
        }
        let one = try aisim(
            ["--trials", "1e5", "--plot", "params", "--notation", "si"],
            environment: ["LC_ALL": "C", "LC_CTYPE": "C", "LANG": "C"])
        #expect(
            one.stdout.contains("params (parameters): 100,000 trials") && !one.stdout.contains("streams: 100,000")
                && one.stdout.contains(" T"))
        expectUsageError(
            try aisim(["--trials", "1e5", "--plot", "--format", "json"]),
            "--plot draws on stdout, where the json would go too")
    }

    @Test(
        "on a bimodal prior the terminal marks p5, p50 and p95 with the table's own numbers; a point prior says one value"
    )
    func terminalMarkers() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[inputs]\nhorizon = \"mixture(0.5: 1 to 3, 0.5: 1000 to 3000)\"\n".write(
            to: directory.appendingPathComponent("bimodal.toml"), atomically: true, encoding: .utf8)
        let run = try aisim(
            ["--prior", "bimodal.toml", "--trials", "1e5", "--notation", "si", "--plot", "streams,params"],
            in: directory, environment: ["LANG": "C.UTF-8"])
        #expect(run.status == 0)
        let table = run.stdout.components(separatedBy: "\n\nstreams: ")[0].split(separator: "\n")
        let plots = run.stdout.components(separatedBy: "\nparams (parameters): ")
        for (column, plot) in [(1, plots[0].components(separatedBy: "\n\nstreams: ").last!), (2, plots[1])] {
            for p in ["p5", "p50", "p95"] {
                // A row reads "p50   65.8 M   1.32 M   7.59 T": the cells are two spaces apart.
                let row = try #require(table.first { $0.hasPrefix(p + " ") })
                let cells = row.dropFirst(p.count).components(separatedBy: "  ").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
                let value = cells[column]
                #expect(plot.contains(" \(value)") && plot.contains(p), "\(p) \(value) in\n\(plot)")
            }
        }
        let point = try aisim(["--prior", "post-point", "--trials", "1e4", "--plot", "parallel_tokens_per_s"])
        #expect(point.stdout.hasSuffix("\nparallel_tokens_per_s (token-eq/s): 10,000 trials, one value: 3.08e7\n"))
    }

    @Test(
        "the SVG renders in librsvg, is not blank, has its labels, and marks p5, p50 and p95 where the JSON puts them")
    func svg() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let svgPath = directory.appendingPathComponent("plot.svg").path
        let run = try aisim(["--trials", "2e5", "--seed", "3", "--svg", svgPath, "--format", "json"])
        #expect(run.status == 0)
        let json = try jsonObject(run.stdout)
        let outputs = try #require(json["outputs"] as? [String: [String: Any]])
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)

        let pdf = directory.appendingPathComponent("plot.pdf").path
        #expect(try tool("/usr/bin/rsvg-convert", ["-f", "pdf", "-o", pdf, svgPath]).status == 0)
        let text = String(decoding: try tool("/usr/bin/pdftotext", [pdf, "-"]).stdout, as: UTF8.self)
        for label in [
            "Finnveden (2023), with uncertainty", "200,000 trials", "seed 3", "parallel_tokens_per_s", "streams",
            "1e8", "1e9", "1e7", "share of trials per decade", "token-eq/s (log scale)", "p50",
        ] {
            #expect(text.contains(label), "rendered text lacks \(label)")
        }
        #expect(
            try tool("/usr/bin/pdftoppm", ["-r", "40", "-gray", pdf, directory.appendingPathComponent("page").path])
                .status == 0)
        let page = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).first {
                $0.hasPrefix("page") && $0.hasSuffix(".pgm")
            })
        let pixels = try Data(contentsOf: directory.appendingPathComponent(page))
        // A binary PGM: "P5", width, height, maximum, then one byte per pixel.
        let header = String(decoding: pixels.prefix(40), as: UTF8.self).split(whereSeparator: \.isWhitespace).prefix(4)
        let count = try #require(Int(header[1])) * (try #require(Int(header[2])))
        let dark = pixels.suffix(count).filter { $0 < 200 }.count
        #expect(Double(dark) > 0.05 * Double(count), "\(dark) of \(count) pixels drawn")

        // Each marker's x is the JSON percentile's place on its panel's log axis.
        for panel in svg.components(separatedBy: "<g class=\"panel\"").dropFirst() {
            func attribute(_ name: String, in text: Substring) throws -> String {
                let start = try #require(text.range(of: "\(name)=\"")).upperBound
                return String(text[start...].prefix { $0 != "\"" })
            }
            let head = Substring(panel)
            let name = try attribute("data-output", in: head)
            let low = try #require(Double(try attribute("data-log10-min", in: head)))
            let high = try #require(Double(try attribute("data-log10-max", in: head)))
            let left = try #require(Double(try attribute("data-left", in: head)))
            let width = try #require(Double(try attribute("data-width", in: head)))
            let percentiles = try #require(outputs[name]?["percentiles"] as? [String: Double])
            let markers = panel.components(separatedBy: "<line class=\"marker\"").dropFirst()
            #expect(markers.count == 3)
            for marker in markers {
                let text = Substring(marker)
                let p = try attribute("data-percentile", in: text)
                let x = try #require(Double(try attribute("x1", in: text)))
                let value = try #require(percentiles["p\(p)"])
                // JSONSerialization may read a number back one unit in the last place off.
                #expect(abs(try #require(Double(try attribute("data-value", in: text))) / value - 1) < 1e-14)
                #expect(abs(x - (left + (log10(value) - low) / (high - low) * width)) < 0.006, "\(name) p\(p)")
            }
        }
    }

    @Test("explain --post prints MODEL.md's worked numbers, step by step, the same every time")
    func explainPost() throws {
        let first = try aisim(["explain", "--post"])
        #expect(first.status == 0)
        for step in [
            "F = world_flops × ai_share = 4e21 × 0.25 = 1e21 FLOP/s", "= 3.1558e28 FLOP", "= 1.6217e13 parameters",
            "= 3.2433e14 token-eq", "= 3.0832e7 token-eq/s", "= 6.1665e5 streams", "23 million",
        ] {
            #expect(first.stdout.contains(step), "\(step)")
        }
        #expect(try aisim(["explain", "--post"]).stdout == first.stdout)
        let medians = try aisim(["explain", "--set", "horizon=100"])
        #expect(
            medians.stdout.contains("horizon                     100 token-eq")
                && medians.stdout.contains("median of 2e21 to 8e21"))
        let moved = try aisim(["explain", "--post", "--set", "horizon=100"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("horizon                     100 token-eq    as given"))
        #expect(moved.stdout.contains("3.0832e8 / 50 = 6.1665e6 streams"), "N ∝ 1/√H, so S grows by √100")
        #expect(!moved.stdout.contains("23 million"), "the post's note belongs to the post's point only")
    }

    @Test("report writes Markdown with the prior's SHA-256, the intervals, sensitivity and the SVG beside it")
    func report() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try aisim(["report", "--trials", "1e5", "--out", "run.md"], in: directory)
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr == "aisim: wrote run.md and run.svg\n")
        let markdown = try String(contentsOf: directory.appendingPathComponent("run.md"), encoding: .utf8)
        for part in [
            "# Finnveden (2023), with uncertainty", "SHA-256 `\(try embeddedSHA256())`", "## Percentiles", "| p50 | ",
            "](run.svg)", "## Sensitivity", "```toml", "world_flops = \"2e21 to 8e21\"",
        ] {
            #expect(markdown.contains(part), "\(part)")
        }
        #expect(try String(contentsOf: directory.appendingPathComponent("run.svg"), encoding: .utf8).hasPrefix("<svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["run.md", "run.svg"])
        // The summary in words quotes the run's own numbers, and the walk-through is explain's.
        let json = try jsonObject(
            try aisim(["--trials", "1e5", "--format", "json", "--percentiles", "5,50,95"]).stdout)
        let streams = try #require((json["outputs"] as? [String: Any])?["streams"] as? [String: Any])
        let p50 = try #require((streams["percentiles"] as? [String: Double])?["p50"])
        #expect(markdown.contains("## In words\n\nIn the median simulated world,"))
        #expect(
            markdown.contains(
                "which at the serial speed is \(String(format: "%.2e", p50).replacingOccurrences(of: "e+0", with: "e")) separate streams"
            ))
        #expect(markdown.contains("of what unlimited trials would give (95%)"))
        let explained = try aisim(["explain"]).stdout.trimmingCharacters(in: .newlines)
        #expect(markdown.contains("## The model at the inputs' medians\n\n```text\n\(explained)\n```"))
        expectUsageError(
            try aisim(["report", "--out", "run.txt"], in: directory),
            "--out run.txt: give a Markdown file name ending in .md")
    }

    @Test(
        "--plot-kind exceedance draws P(output ≥ x) in the terminal and the SVG, thresholds at the JSON's probabilities"
    )
    func exceedanceKind() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["--trials", "2e4", "--exceed", "streams>=1e8", "--quiet"]
        let terminal = try aisim(
            arguments + ["--plot", "streams", "--plot-kind", "ccdf"], in: directory, environment: ["LANG": "C.UTF-8"])
        #expect(terminal.status == 0, "\(terminal.stderr)")
        #expect(terminal.stdout.contains("\nP(streams ≥ x), full height 1: 20,000 trials"))
        let json = try jsonObject(
            try aisim(
                arguments + [
                    "--format", "json", "--output", "run.json", "--svg", "run.svg", "--plot-kind", "exceedance",
                ],
                in: directory
            ).stdout.isEmpty
                ? String(decoding: try Data(contentsOf: directory.appendingPathComponent("run.json")), as: UTF8.self)
                : "")
        let probability = try #require((json["exceedances"] as? [[String: Any]])?.first?["probability"] as? Double)
        let svg = String(decoding: try Data(contentsOf: directory.appendingPathComponent("run.svg")), as: UTF8.self)
        #expect(svg.contains("class=\"panel exceedance\" data-output=\"streams\""))
        #expect(svg.contains("data-threshold=\"100000000.0\" data-op=\"&gt;=\" data-probability=\"\(probability)\""))
    }

    @Test("--plot-kind alone, or an unknown kind, is a flag error")
    func kindErrors() throws {
        expectUsageError(try aisim(["--plot-kind", "exceedance"]), "--plot-kind exceedance shapes --plot and --svg")
        expectUsageError(try aisim(["--plot", "--plot-kind", "pdf"]), "use histogram or exceedance (also called ccdf)")
    }
}
