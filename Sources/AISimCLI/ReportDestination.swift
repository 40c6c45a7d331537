import AISimCore
import AISimReport
import ArgumentParser

/// The flags of commands that print one report of their own (sweep, sensitivity): its format
/// and where it goes.
struct ReportDestination: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("table (for people), csv or json (for programs).", valueName: "format"))
    var format: OutputArguments.Format = .table

    @OptionGroup var file: OutputFile

    /// The files the report goes to, with the prior file as the one input.
    func paths(prior: PriorArguments) -> OutputPaths {
        OutputPaths(outputs: file.output.map { [("--output", $0)] } ?? [], inputs: prior.inputPaths)
    }

    /// Writes `text` to `--output`, or to stdout, as one piece that a signal cannot cut.
    func emit(_ text: String) throws {
        var delivery = Delivery()
        file.deliver(text, into: &delivery)
        try delivery.send()
    }
}
