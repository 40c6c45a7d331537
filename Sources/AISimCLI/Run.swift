import AISimCore
import AISimReport
import ArgumentParser
import Foundation

extension AISim {
    /// Simulates a prior and prints its percentile table: aisim's default command.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a prior and print percentiles of every output (the default).",
            discussion: """
                Examples:
                  aisim --trials 1e7
                  aisim --prior distributions/post-point.toml --trials 1
                  aisim --prior my.toml --percentiles 5,50,95 --format json --output run.json
                  aisim --precision 0.5% --ci
                  aisim --method lhs --trials 1e6 --ci

                Every percentile comes with a 95% confidence interval: the table's footer gives \
                the widest (relative to its estimate), --ci shows each one, and JSON has them all \
                under "ci95".
                """
        )

        @OptionGroup var prior: PriorArguments
        @OptionGroup var simulation: SimulationArguments
        @OptionGroup var output: OutputArguments
        @OptionGroup var shard: ShardArguments
        @OptionGroup var plots: PlotArguments
        @OptionGroup var exceed: ExceedArguments
        @OptionGroup var samples: SampleArguments

        @OptionGroup var progressOptions: ProgressArguments

        @Flag(name: .long, help: "Print how long each phase took, and trials/s, on stderr.")
        var timing = false

        @Flag(
            name: .long,
            help: ArgumentHelp(
                "Add which inputs drive the spread of parallel tokens/s and streams (table and JSON).",
                discussion: "The same as 'aisim sensitivity', computed in the same pass; the percentiles do not change."
            ))
        var sensitivity = false

        @Option(
            name: .long, parsing: .unconditional,
            help: ArgumentHelp(
                "Run until every percentile of parallel_tokens_per_s and streams has a 95% confidence interval within ±this of its estimate, as 0.5%.",
                discussion:
                    "Each run starts afresh with more trials (about as many as the last run's intervals say are needed), so the result equals a plain run with the final --trials and the same seed. --trials sets the first run (default 1e5).",
                valueName: "percent"),
            transform: PrecisionText.parse)
        var precision: Double?

        @Option(
            name: .customLong("max-trials"), parsing: .unconditional,
            help: ArgumentHelp(
                "With --precision: the most trials a run may use (default: 1e8, or fewer if memory is short). A run that reaches it stops short of the target and says so.",
                valueName: "n"),
            transform: TrialCount.parse)
        var maxTrials: Int?

        /// The largest default for `--max-trials`.
        static let defaultMaxTrials = 100_000_000
        /// The first run's trials under `--precision`, unless `--trials` says otherwise.
        static let defaultFirstTrials = 100_000

        func validate() throws {
            if precision == nil && maxTrials != nil {
                throw ValidationError("--max-trials applies only with --precision; for a fixed count use --trials")
            }
            if let maxTrials {
                try simulation.checkMemory(maxTrials, flag: "--max-trials")
                if let first = simulation.trials, first > maxTrials {
                    throw ValidationError(
                        "--trials \(first) is above --max-trials \(maxTrials); the first run cannot exceed the limit")
                }
            }
            if shard.out != nil {
                try validateShard()
            }
            try plots.check(against: output)
            try paths.checkDistinct()
            if sensitivity && output.format == .csv {
                throw ValidationError(
                    "--sensitivity adds to the table and to JSON; for CSV, run 'aisim sensitivity --format csv'")
            }
        }

        /// The flags a shard (or any run with --out) cannot take: it writes random sampling's
        /// sketches of a fixed number of trials, and no table.
        private func validateShard() throws {
            let conflicts: [(Bool, String)] = [
                (simulation.summary == .exact, "--summary exact"),
                (simulation.method != .random, "--method \(simulation.method.rawValue)"),
                (sensitivity, "--sensitivity"), (precision != nil, "--precision"), (output.output != nil, "--output"),
                (plots.plot != nil, "--plot"), (plots.svg != nil, "--svg"),
            ]
            if let (_, flag) = conflicts.first(where: \.0) {
                throw ValidationError(
                    "--out writes random sampling's quantile sketches of a fixed number of trials, so it cannot take \(flag)\(flag == "--output" ? "; 'aisim merge --output FILE' writes the table" : "")"
                )
            }
            try shard.checkChunks(trials: simulation.trials ?? SimulationArguments.defaultTrials)
        }

        /// 1e8 trials, or the most (by halving) whose summary fits in available memory.
        private func defaultMaxTrials(percentiles: [Percentile]) -> Int {
            SummaryChoice.largestFitting(
                Self.defaultMaxTrials, floor: Self.defaultFirstTrials, percentiles: percentiles)
        }

        /// Every file the run writes, and the prior it reads.
        private var paths: OutputPaths {
            let named: [(String, String?)] =
                [("--output", output.output), ("--svg", plots.svg), ("--out", shard.out)] + samples.paths
            return OutputPaths(
                outputs: named.compactMap { flag, path in path.map { (flag, $0) } }, inputs: prior.inputPaths)
        }

        func run() throws {
            var clock = Timing()
            try paths.checkWritable()
            let prior = try self.prior.load()
            try exceed.check(against: prior)
            clock.lap("parse")
            if let out = shard.out {
                try writeShard(prior, to: out, clock: &clock)
                return
            }
            var options = try Self.options(
                for: prior, simulation: simulation, output: output, plots: plots, exceed: exceed,
                watched: precision == nil ? [] : PrecisionTarget.defaultOutputs)
            if precision != nil { options.trials = simulation.trials ?? Self.defaultFirstTrials }
            let writer = try samples.writer(prior, trials: options.trials)
            defer { writer?.discard() }
            options.samples = writer
            options.sensitivity = sensitivity
            let progress = progressOptions.display()
            options.progress = progress?.counter
            defer { progress?.finish() }
            let result: SimulationResult
            if let precision {
                let limit = maxTrials ?? defaultMaxTrials(percentiles: options.percentiles)
                options.trials = min(options.trials, limit)
                result = try Simulation.run(
                    prior, options: options, precision: PrecisionTarget(relativeHalfWidth: precision, maxTrials: limit))
                if let outcome = result.precision, !outcome.met {
                    StandardStreams.note(
                        "aisim: warning: precision ±\(PrecisionText.format(precision)) not reached: stopped at --max-trials \(outcome.target.maxTrials) with ±\(PrecisionText.format(outcome.achieved)) (\(outcome.worstOutput.spec.name) \(outcome.worstPercentile.key))\n"
                    )
                }
            } else {
                result = try Simulation.run(prior, options: options)
            }
            progress?.finish()
            clock.lap("simulate")
            let report = RunReport(prior: prior, result: result, notation: output.notation)
            let text = output.render(report)
            clock.lap("format")
            var delivery = Delivery()
            output.deliver(text, into: &delivery)
            plots.draw(report, into: &delivery)
            if let writer {
                options.trials = result.trials
                try samples.deliver(writer, prior: prior, options: options, shard: nil, into: &delivery)
            }
            try delivery.send()
            clock.lap("output")
            if let writer, !progressOptions.quiet { StandardStreams.note(SampleArguments.note(writer)) }
            if timing { StandardStreams.note(clock.report(result)) }
        }

        /// The options of a run of `prior` with these flags, after checking that the outputs
        /// they name are ones `prior` reports: percentiles for what the output shows, what the
        /// plots mark and what `watched` adds (every output still gets its mean), the kept
        /// distributions and the thresholds. Watch makes each of its runs with them too.
        static func options(
            for prior: Prior, simulation: SimulationArguments, output: OutputArguments, plots: PlotArguments,
            exceed: ExceedArguments, watched: [Output] = []
        ) throws -> SimulationOptions {
            try output.check(against: prior)
            if let plotted = plots.plot { try OutputList.checkReported(plotted, flag: "--plot", prior: prior) }
            var options = simulation.options()
            options.thresholds = exceed.thresholds
            options.distributionsKept = plots.distributionsKept
            let summarised = Set(output.shown(prior) + plots.distributionsKept + watched)
            options.outputs = Output.allCases.filter(summarised.contains)
            return options
        }

        /// Simulates this shard's chunks (all of them without --shard) into sketches and
        /// writes them to `out`, saying on stderr what it wrote.
        private func writeShard(_ prior: Prior, to out: String, clock: inout Timing) throws {
            var options = simulation.options(
                summary: .sketch(accuracy: simulation.accuracy ?? SummaryMode.defaultAccuracy))
            options.thresholds = exceed.thresholds
            let progress = progressOptions.display()
            options.progress = progress?.counter
            defer { progress?.finish() }
            let shard = self.shard.shard ?? .whole
            let chunks = shard.chunks(of: ChunkPlan(trials: options.trials))
            let writer = try samples.writer(prior, trials: ChunkPlan(trials: options.trials).trials(in: chunks).count)
            defer { writer?.discard() }
            options.samples = writer
            let summary = try Simulation.sketch(prior, options: options, chunks: chunks)
            progress?.finish()
            clock.lap("simulate")
            let file = ShardFile(prior: prior, shard: shard, summary: summary)
            let text = try file.encoded()
            clock.lap("format")
            var delivery = Delivery()
            delivery.file(text, to: out)
            if let writer {
                try samples.deliver(writer, prior: prior, options: options, shard: self.shard.shard, into: &delivery)
            }
            try delivery.send()
            clock.lap("output")
            if let writer, !progressOptions.quiet { StandardStreams.note(SampleArguments.note(writer)) }
            let trials = file.trials
            StandardStreams.note(
                "aisim: wrote shard \(shard) (\(NumberFormat.grouped(trials.count)) trials, from \(NumberFormat.grouped(trials.lowerBound)) to \(NumberFormat.grouped(trials.upperBound)) of \(NumberFormat.grouped(options.trials))) to \(out)\n"
            )
            if timing { StandardStreams.note(clock.report(trials: trials.count, threads: options.threads)) }
        }
    }
}
