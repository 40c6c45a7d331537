import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Writes a commented template prior to start from.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write a commented template prior: every input with its unit, meaning and a suggested distribution.",
            discussion: """
                The suggestions are the built-in prior's (distributions/finnveden-2023.toml); \
                the optional inputs are there, commented out. 'aisim check' accepts the file as \
                written. Without FILE the template goes to stdout.

                Examples:
                  aisim init my-prior.toml
                  aisim init > my-prior.toml
                """
        )

        @Argument(help: ArgumentHelp("Where to write the template (default: stdout).", valueName: "file"))
        var file: String?

        @Flag(name: .long, help: "Replace FILE if it exists.")
        var force = false

        func validate() throws {
            if file?.isEmpty == true { throw ValidationError("init '': give a file name, or none for stdout") }
            if force && file == nil { throw ValidationError("--force replaces FILE; give one") }
        }

        func run() throws {
            let text = try PriorTemplate.text()
            var delivery = Delivery()
            if let file {
                var info = stat()
                if !force && lstat(file, &info) == 0 {
                    throw FileWriteError(path: file, reason: "it exists; give --force to replace it")
                }
                try Destination.check(file)
                delivery.file(text, to: file)
            } else {
                delivery.print(text)
            }
            try delivery.send()
            if let file {
                StandardStreams.note("aisim: wrote a template prior to \(file); next: aisim check \(file)\n")
            }
        }
    }
}
