import AISimCore
import AISimReport
import ArgumentParser

/// `--svg FILE` of the commands that run along one axis (timeline, sweep): a fan chart per
/// output beside the report.
struct FanChartArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a fan chart per output to this SVG file: the rows' years or values across (a log scale over decades), the p5–p95 and p25–p75 bands and the median, each --exceed threshold as a line.",
            valueName: "file"))
    var svg: String?

    /// `paths` with the chart's file among the outputs.
    func adding(to paths: OutputPaths) -> OutputPaths {
        var paths = paths
        if let svg { paths.outputs.append(("--svg", svg)) }
        return paths
    }

    /// The percentiles to find: the report's `shown`, and with a chart the bands' too.
    func percentiles(showing shown: [Percentile]) -> [Percentile] {
        guard svg != nil else { return shown }
        let needed = FanChart.drawn.filter { p in !shown.contains { $0.value == p } }
        return (shown + needed.map { Percentile(value: $0, label: NumberFormat.compact($0)) })
            .sorted { $0.value < $1.value }
    }

    /// Runs the rows of a sweep or timeline with `simulation`'s options, the percentiles the chart
    /// needs beside those shown, `exceed`'s thresholds and `outputs`, and a progress line counting
    /// `step`s. Returns `run`'s results and the percentiles the report shows.
    func runRows<Results>(
        _ simulation: SimulationArguments, exceed: ExceedArguments, outputs: [Output], progress: ProgressArguments,
        step: String, _ run: (SimulationOptions) throws -> Results
    ) throws -> (Results, shown: [Percentile]) {
        var options = simulation.options(defaultPercentiles: Sweep.defaultPercentiles)
        let shown = options.percentiles
        options.percentiles = percentiles(showing: shown)
        options.thresholds = exceed.thresholds
        options.outputs = Output.allCases.filter(outputs.contains)
        let display = progress.display(step: step)
        options.progress = display?.counter
        defer { display?.finish() }
        return (try run(options), shown)
    }

    /// Writes `text` where `destination` says and, with `--svg`, `chart()`'s SVG beside it:
    /// both or neither.
    func deliver(_ text: String, to destination: ReportDestination, chart: () -> FanChart) throws {
        var delivery = Delivery()
        if let svg { delivery.file(chart().render(), to: svg) }
        destination.file.deliver(text, into: &delivery)
        try delivery.send()
    }
}
