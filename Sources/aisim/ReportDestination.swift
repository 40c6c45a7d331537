import AISimCore
import ArgumentParser

/// The flags of commands that print one report of their own (sweep, sensitivity): its format
/// and where it goes.
struct ReportDestination: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("table (for people), csv or json (for programs).", valueName: "format"))
    var format: OutputArguments.Format = .table

    @Option(name: .long, help: ArgumentHelp(
        "Write the result to this file (atomically: a temporary file, then a rename) instead of stdout.",
        valueName: "file"))
    var output: String?

    /// Writes `text` to `--output`, or to stdout, as one piece that Ctrl-C cannot cut.
    func emit(_ text: String) throws {
        try Interrupts.critical {
            if let output { try AtomicFile.write(text, to: output) } else { print(text, terminator: "") }
        }
    }
}
