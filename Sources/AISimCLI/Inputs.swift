import AISimCore
import AISimReport
import ArgumentParser

extension AISim {
    /// Lists the model's inputs and equations.
    struct Inputs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the model's inputs (name, meaning, unit, the post's value) and its equations.",
            discussion: """
                Both tables come from the model's own definition, the one the simulation runs, so \
                they cannot drift from it; the README's copy is --format markdown.

                Examples:
                  aisim inputs
                  aisim inputs --format markdown
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, markdown
        }

        @Option(name: .long, help: ArgumentHelp("table (for people) or markdown (for documents).", valueName: "format"))
        var format: Format = .table

        func run() throws {
            var delivery = Delivery()
            delivery.print(format == .markdown ? ModelTables.markdown() : ModelTables.text())
            try delivery.send()
        }
    }
}
