import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Runs a prior and writes a Markdown report with its plots.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a prior and write a Markdown report with an SVG of the distributions beside it.",
            discussion: """
                The report holds the run's provenance, the percentile table with 95% confidence \
                intervals, the sensitivity analysis, and the prior: every resolved input and the \
                file's text under its SHA-256. The SVG goes beside it (report.md → report.svg). \
                Both are written atomically.

                Examples:
                  aisim report --out report.md
                  aisim report --prior my.toml --trials 1e7 --out my-report.md
                """
        )

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The Markdown file to write (its SVG goes beside it, with the extension .svg).", valueName: "file"))
        var out: String

        @Option(
            name: .long,
            help: ArgumentHelp("sci (3.08e7, the default), si (30.8 M) or words (30.8 million).", valueName: "notation")
        )
        var notation: Notation = .default

        @OptionGroup var progressOptions: ProgressArguments

        func validate() throws {
            if !out.hasSuffix(".md") {
                throw ValidationError("--out \(out): give a Markdown file name ending in .md, such as report.md")
            }
            try paths.checkDistinct()
        }

        /// The SVG beside the report: report.md → report.svg.
        private var svgPath: String { String(out.dropLast(3)) + ".svg" }

        /// The report and its SVG, and the prior it reads.
        private var paths: OutputPaths {
            OutputPaths(outputs: [("--out", out), ("its SVG", svgPath)], inputs: prior.inputPaths)
        }

        func run() throws {
            try paths.checkWritable()
            let prior = try self.prior.load()
            var options = simulation.options()
            options.distributionsKept = PlotArguments.defaultOutputs
            // Percentiles for what the report shows: the table's columns and the plotted outputs.
            let shown = Set(prior.reportedOutputs.filter(\.spec.inTable) + PlotArguments.defaultOutputs)
            options.outputs = Output.allCases.filter(shown.contains)
            options.sensitivity = true
            let progress = progressOptions.display()
            options.progress = progress?.counter
            defer { progress?.finish() }
            let result = try Simulation.run(prior, options: options)
            progress?.finish()
            let report = RunReport(prior: prior, result: result, notation: notation)
            var delivery = Delivery()
            let explanation = try Explanation(.medians(prior), notation: notation).render()
            delivery.file(
                report.markdown(
                    svg: (URL(fileURLWithPath: svgPath).lastPathComponent, PlotArguments.defaultOutputs),
                    explanation: explanation),
                to: out)
            delivery.file(SVGPlot(report: report, outputs: PlotArguments.defaultOutputs).render(), to: svgPath)
            try delivery.send()
            StandardStreams.note("aisim: wrote \(out) and \(svgPath)\n")
        }
    }
}
