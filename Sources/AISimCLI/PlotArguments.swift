import AISimCore
import AISimReport
import ArgumentParser
import Foundation

/// The flags that draw a run's distributions: `--plot [OUTPUTS]` on the terminal and
/// `--svg FILE`.
struct PlotArguments: ParsableArguments {
    /// What `--plot` alone stands for (``AISim/main()`` writes it in when no list follows).
    static let defaultMarker = "default"
    /// The outputs plotted unless a list names others.
    static let defaultOutputs: [Output] = [.parallelTokensPerS, .streams]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Draw a histogram of each output in the list (default: parallel_tokens_per_s,streams) under the table: log x axis, p5, p50 and p95 marked.",
            discussion:
                "80 columns of Unicode blocks, or plain ASCII when the locale is not UTF-8. With --format csv or json the data must go to --output, so that stdout holds only the plot.",
            valueName: "outputs"),
        transform: { $0 == PlotArguments.defaultMarker ? PlotArguments.defaultOutputs : try OutputList.parse($0) })
    var plot: [Output]?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write an SVG of the distributions of parallel_tokens_per_s and streams (or of --plot's outputs) to this file, atomically.",
            discussion:
                "Densities from a log-binned histogram, on log axes, with p5, p50 and p95 marked, titled with the prior's title, the trials and the seed.",
            valueName: "file"))
    var svg: String?

    @Option(
        name: .customLong("plot-kind"),
        help: ArgumentHelp(
            "What --plot and --svg draw: 'histogram' (the density, the default) or 'exceedance' (P(output ≥ x), also called 'ccdf').",
            discussion:
                "The exceedance curve falls from 1 to 0 over the same log axis, and marks each --exceed threshold of the output at its exact probability (or, with none, p5, p50 and p95).",
            valueName: "kind"),
        transform: { text in
            if text == "ccdf" { return .exceedance }
            guard let kind = PlotKind(rawValue: text) else {
                throw ValidationError("use histogram or exceedance (also called ccdf)")
            }
            return kind
        })
    var kind: PlotKind = .histogram

    func validate() throws {
        if kind != .histogram && plot == nil && svg == nil {
            throw ValidationError("--plot-kind \(kind.rawValue) shapes --plot and --svg; add one of them")
        }
    }

    /// Throws when the terminal plots would share stdout with CSV or JSON.
    func check(against output: OutputArguments) throws {
        if plot != nil && output.format != .table && output.output == nil {
            throw ValidationError(
                "--plot draws on stdout, where the \(output.format.rawValue) would go too; write the data with --output FILE"
            )
        }
    }

    /// The outputs whose distributions the run must keep.
    var distributionsKept: [Output] {
        plot ?? (svg == nil ? [] : Self.defaultOutputs)
    }

    /// Whether the terminal takes UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is set
    /// names a UTF-8 locale.
    static var unicodeTerminal: Bool {
        let environment = ProcessInfo.processInfo.environment
        guard
            let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ environment[$0] }).first(where: {
                !$0.isEmpty
            })
        else { return false }
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// Draws what the flags ask for from `report`: the SVG to its file and the terminal plots
    /// to stdout, after a blank line.
    func draw(_ report: RunReport, into delivery: inout Delivery) {
        drawFile(report, into: &delivery)
        if let text = terminalText(report) { delivery.print(text) }
    }

    /// Adds the SVG `--svg` asks for to `delivery`.
    func drawFile(_ report: RunReport, into delivery: inout Delivery) {
        if let svg {
            delivery.file(SVGPlot(report: report, outputs: plot ?? Self.defaultOutputs, kind: kind).render(), to: svg)
        }
    }

    /// The terminal plots `--plot` asks for, after a blank line; nil without `--plot`.
    func terminalText(_ report: RunReport) -> String? {
        guard let plot else { return nil }
        return "\n"
            + plot.map { output in
                TerminalPlot(
                    output: output, sketch: report.result.distributions[output]!,
                    markers: markers(output, report), notation: report.notation, unicode: Self.unicodeTerminal,
                    kind: kind
                ).render()
            }.joined(separator: "\n")
    }

    /// What the terminal plot of `output` marks: p5, p50 and p95, or in the exceedance view
    /// the run's thresholds of the output with their probabilities, when it has any.
    private func markers(_ output: Output, _ report: RunReport) -> [(label: String, value: Double)] {
        let thresholds = report.result.exceedances.filter { $0.threshold.output == output }
        guard kind == .exceedance, !thresholds.isEmpty else {
            return SimulationResult.markedPercentiles.map { p in
                (label: "p\(NumberFormat.compact(p))", value: report.result.percentile(p, of: output))
            }
        }
        return thresholds.map { e in
            let label = "P(\(e.threshold.comparison.rawValue))=\(Exceedance.shown(e.probability)) at"
            return (label: label, value: e.threshold.value)
        }
    }

    /// `arguments` with `--plot` given a value when none follows it (the end, another flag, or
    /// a word that cannot be a list of outputs, such as merge's file names), so that `--plot`
    /// alone means the default outputs. A word made of letters, digits, `_` and commas is
    /// taken as the list, so that a misspelt output is reported rather than taken for an
    /// unexpected argument.
    static func completing(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (i, argument) in arguments.enumerated() {
            result.append(argument)
            guard argument == "--plot" else { continue }
            let listFollows = i + 1 < arguments.count && Self.looksLikeList(arguments[i + 1])
            if !listFollows { result.append(defaultMarker) }
        }
        return result
    }

    /// Whether `word` reads as a list of output names rather than a file or a flag.
    private static func looksLikeList(_ word: String) -> Bool {
        !word.hasPrefix("-") && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ",") }
    }
}
