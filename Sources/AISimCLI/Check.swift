import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Parses and validates a prior, and shows what each of its distributions means.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a prior file and show what each input's distribution means.",
            discussion: """
                For every input: the value as written, its unit and where it was set; the family \
                as aisim understands it; and its 5th, 50th and 95th percentiles and mean, so you \
                can see what "0.25 to 1.25" really means. Inputs the file leaves out are listed \
                at the post's values. Warns about distributions a run would reject samples from.

                Exit status: 0 when the prior is valid, 1 when it is not (with the same one-line \
                error a run gives), 64 for bad flags.

                Examples:
                  aisim check --list
                  aisim check long-horizon
                  aisim check distributions/finnveden-2023.toml
                  aisim check my.toml --set 'horizon=10 to 1000' --format json
                """
        )

        @Argument(help: ArgumentHelp("The prior file to check (default: the built-in prior).", valueName: "file"))
        var file: String?

        @OptionGroup var prior: PriorArguments

        @Option(name: .long, help: ArgumentHelp("table (for people) or json (for programs).", valueName: "format"))
        var format: CheckFormat = .table

        enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        @Flag(name: .long, help: "List the built-in priors, which --prior takes by name from any directory.")
        var list = false

        func validate() throws {
            if list && (file != nil || prior.prior != nil || !prior.assignments.isEmpty || format != .table) {
                throw ValidationError("--list lists the built-in priors; it takes no prior, --set or --format")
            }
            if file != nil && prior.prior != nil {
                throw ValidationError("give the prior file once: as an argument or as --prior, not both")
            }
        }

        func run() throws {
            if list {
                try StandardStreams.write(try Self.gallery())
                return
            }
            let check = PriorCheck(try prior.load(file: file))
            try StandardStreams.write(format == .json ? check.json() : check.table())
        }

        /// The built-in priors, one line each: the name --prior takes and the title.
        static func gallery() throws -> String {
            let priors = try Gallery.names.map { name in (name, try Gallery.load(name)!) }
            let width = priors.map(\.0.count).max() ?? 0
            let lines = priors.map { name, prior -> String in
                let mark = name == Gallery.defaultName ? " (the default)" : ""
                return "  " + name + String(repeating: " ", count: width - name.count + 2) + prior.heading + mark
            }
            let header =
                "built-in priors (give one as --prior NAME, from any directory; the files are in distributions/):"
            return ([header] + lines).joined(separator: "\n") + "\n"
        }
    }
}
