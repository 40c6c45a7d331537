import ArgumentParser

/// `--output FILE`: where a command's result goes instead of stdout.
struct OutputFile: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the result to this file (atomically: a temporary file, then a rename) instead of stdout.",
            valueName: "file"))
    var output: String?

    /// Sends `text` to `--output`, or to stdout.
    func deliver(_ text: String, into delivery: inout Delivery) {
        if let output { delivery.file(text, to: output) } else { delivery.print(text) }
    }
}
