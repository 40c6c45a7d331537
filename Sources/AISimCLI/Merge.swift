import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Merges shard files written by `aisim --shard K/N --out FILE` and prints the run's result.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge shard files into the table, CSV or JSON of the whole run.",
            discussion: """
                Shards of one run (the same prior, --set values, seed, trials, accuracy and aisim \
                version), written with --shard K/N --out FILE, merge into exactly what the single \
                run prints with --summary sketch, in any order. A file given twice counts once.

                Examples:
                  for k in 1 2 3 4; do aisim --trials 1e9 --shard $k/4 --out part-$k.shard & done; wait
                  aisim merge part-*.shard
                  aisim merge part-*.shard --percentiles 50,99.9 --format json --output run.json

                Merge refuses files that do not belong together, naming the file and the field, \
                and lists missing shard indices (exit status 1). See docs/scale.md for Slurm and \
                xargs recipes.
                """
        )

        @Argument(help: ArgumentHelp("Shard files, one per shard index.", valueName: "file"))
        var files: [String]

        @Option(
            name: .long, parsing: .unconditional,
            help: ArgumentHelp(
                "Percentiles to report, from 0 to 100, separated by commas (default: 1,5,10,25,50,75,90,95,99). Any list works: the shards hold sketches, not chosen percentiles.",
                valueName: "list"),
            transform: PercentileList.parse)
        var percentiles: [Percentile] = Percentile.defaults

        @OptionGroup var output: OutputArguments
        @OptionGroup var plots: PlotArguments
        @OptionGroup var exceed: ExceedArguments

        func validate() throws {
            try plots.check(against: output)
            try paths.checkDistinct()
        }

        /// The files merge writes, and the shard files it reads.
        private var paths: OutputPaths {
            let named: [(String, String?)] = [("--output", output.output), ("--svg", plots.svg)]
            return OutputPaths(
                outputs: named.compactMap { flag, path in path.map { (flag, $0) } },
                inputs: files.map { ("shard file", $0) })
        }

        func run() throws {
            try paths.checkWritable()
            var merger = ShardMerger()
            for path in files { try merger.add(ShardFile.read(path: path), path: path) }
            let (prior, summary) = try merger.result()
            try output.check(against: prior)
            if let missing = exceed.thresholds.first(where: { !summary.thresholds.contains($0) }) {
                throw ShardError(
                    file: nil,
                    message:
                        "the shards hold no count past \(missing) (they counted \(ShardFile.listed(summary.thresholds))); rerun them with --exceed '\(missing)' to merge its exact probability"
                )
            }
            let report = RunReport(
                prior: prior,
                result: summary.result(
                    percentiles: percentiles, thresholds: exceed.thresholds.isEmpty ? nil : exceed.thresholds),
                notation: output.notation)
            var delivery = Delivery()
            output.deliver(output.render(report), into: &delivery)
            plots.draw(report, into: &delivery)
            try delivery.send()
        }
    }
}
