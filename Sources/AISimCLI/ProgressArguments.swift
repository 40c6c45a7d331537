import ArgumentParser

/// `--quiet`, for every command that shows progress while it works.
struct ProgressArguments: ParsableArguments {
    @Flag(
        name: .long,
        help: "Do not show progress on stderr (shown only when stderr is a terminal and the work takes over a second)."
    )
    var quiet = false

    /// A display for work done in steps named `step` (a sweep's rows), or nil when quiet or
    /// when stderr is not a terminal.
    func display(step: String = "run") -> ProgressDisplay? { ProgressDisplay(quiet: quiet, step: step) }
}
