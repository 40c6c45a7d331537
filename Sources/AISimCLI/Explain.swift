import AISimCore
import AISimReport
import ArgumentParser

extension AISim {
    /// Walks through the model's equations at one point, with numbers and units.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk through the model's equations at the prior's medians, or at the post's own point.",
            discussion: """
                One line per step, with the numbers put in and the units: cluster FLOP/s, training \
                FLOP, parameters, training tokens, tokens/s and streams, ending with a note on the \
                post's 23 million. Deterministic: no sampling, so a colleague gets the same lines.

                Examples:
                  aisim explain --post
                  aisim explain --post --set train_utilization=0.5565
                  aisim explain --prior my.toml --set horizon=1000
                """
        )

        @OptionGroup var prior: PriorArguments

        @Flag(name: .long, help: "Use the post's own values (MODEL.md's worked example) instead of a prior's medians.")
        var post = false

        @Option(
            name: .long,
            help: ArgumentHelp(
                "sci (3.0832e7, the default), si (30.8 M) or words (30.8 million), shown beside each result.",
                valueName: "notation"))
        var notation: Notation = .default

        func validate() throws {
            if post && prior.prior != nil {
                throw ValidationError(
                    "--post explains the post's own point; it takes no --prior (--set changes the point's inputs)")
            }
        }

        func run() throws {
            let point: Explanation.Point =
                post && prior.assignments.isEmpty
                ? .post : .medians(try post ? prior.load(file: "post-point") : prior.load())
            try StandardStreams.write(try Explanation(point, notation: notation).render())
        }
    }
}
