import Dispatch
import Foundation

/// The exact pipeline: the pilot, then either every value held (short runs) or the stream
/// through keep plans, and the summary of order statistics.
extension SimulationRun {
    func execute() throws(PriorError) -> SimulationResult {
        options.progress?.start(total: options.trials)
        let clock = ContinuousClock()
        let started = clock.now
        let workers = workers()
        beginSamples(workers)
        if case .sketch = options.summary {
            let summary = try sketch(workers)
            diagnostics.threads = workers.count
            diagnostics.simulateSeconds = seconds(clock.now - started)
            return summary.result(
                percentiles: options.percentiles, diagnostics: diagnostics,
                sensitivity: analyzedSensitivity())
        }

        // The pilot: the first chunks, every value of the summarised outputs held.
        parallel(0..<pilotChunks, workers) { worker, chunk in
            let start = self.plan.range(of: chunk).lowerBound
            self.simulate(
                chunk, worker,
                into: { offset in
                    OutputColumns(
                        Output.allCases.map { self.held[$0.rawValue].map { $0 + start + offset } ?? worker.scratch[$0] }
                    )
                }
            ) { block, count in
                let started = DispatchTime.now().uptimeNanoseconds
                self.account(block, count: count, chunk: chunk, worker: worker)
                worker.momentNanoseconds += DispatchTime.now().uptimeNanoseconds - started
            }
        }
        try check(workers, trials: pilotTrials)
        recordTimes(workers)
        diagnostics.pilotTrials = pilotTrials
        diagnostics.threads = workers.count

        let summaries: [OutputSummary]
        if pilotChunks == plan.count {
            options.progress?.enter(.summarizing)
            diagnostics.simulateSeconds = seconds(clock.now - started)
            let summarizing = clock.now
            summaries = try summarize(
                values: heldOrderStatistics,
                counts: { thresholds throws(PriorError) in
                    try self.countsByChunk(thresholds, workers)
                })
            diagnostics.keptValues = pilotTrials * summarised.count
            diagnostics.summarizeSeconds = seconds(clock.now - summarizing)
        } else {
            let planning = clock.now
            let plans = concurrentMap(Output.allCases) { output in
                guard self.isSummarised[output.rawValue] else { return KeptWindows.keepingNothing }
                return KeptWindows(
                    pilot: UnsafeBufferPointer(start: self.held[output.rawValue]!, count: self.pilotTrials),
                    trials: self.options.trials, quantiles: self.options.percentiles.map { $0.value / 100 },
                    tuning: self.options.tuning)
            }
            diagnostics.planSeconds = seconds(clock.now - planning)
            let slots = try stream(plans, workers)
            options.progress?.enter(.summarizing)
            diagnostics.simulateSeconds = seconds(clock.now - started)
            let summarizing = clock.now
            let pooled = slots.merged()
            diagnostics.keptValues = pooled.reduce(0) { $0 + $1.keptCount }
            summaries = try summarize(
                values: { ranks throws(PriorError) in try self.orderStatistics(ranks, pooled, plans, workers) },
                counts: { thresholds throws(PriorError) in try self.replicateCounts(thresholds, slots, plans, workers) }
            )
            diagnostics.summarizeSeconds = seconds(clock.now - summarizing)
        }

        var result = SimulationResult(
            trials: options.trials, seed: options.seed, method: options.method,
            replicates: replicated ? plan.count : nil, sketchAccuracy: nil, percentiles: options.percentiles,
            outputs: summaries, diagnostics: diagnostics,
            sensitivity: analyzedSensitivity())
        for (i, output) in options.distributionsKept.enumerated() {
            var histogram = workers[0].histograms[i]
            for worker in workers.dropFirst() { histogram.merge(worker.histograms[i]) }
            result.distributions[output] = histogram
        }
        result.exceedances = exceedances(workers)
        return result
    }

    /// The sensitivity analysis of the run, when it asked for one.
    private func analyzedSensitivity() -> Sensitivity? {
        guard let sensitivity else { return nil }
        options.progress?.enter(.sensitivity)
        return sensitivity.sensitivity(trials: options.trials, prior: prior)
    }

    /// Each threshold's estimate: from the workers' counts (random sampling), or from the
    /// replicates' (a design).
    func exceedances(_ workers: [ThreadWorkspace]) -> [Exceedance] {
        options.thresholds.enumerated().map { t, threshold in
            guard replicated, plan.count >= 2 else {
                return Exceedance(
                    threshold, count: workers.reduce(0) { $0 + $1.thresholdCounts[t] }, trials: options.trials)
            }
            let counts = (0..<plan.count).map { chunkThresholdCounts[$0 * options.thresholds.count + t] }
            return Exceedance(
                threshold, replicateCounts: counts, sizes: (0..<plan.count).map { plan.range(of: $0).count })
        }
    }

    /// The mean of `output` and its standard error: s/√n for random sampling, with s from the
    /// chunks' centred sums of squares; for a design, the standard deviation of the
    /// replicates' means over √R. Nil when the run cannot estimate it (one trial, one
    /// replicate, or squares beyond the range of `Double`).
    func moments(of output: Output) -> (mean: Double, standardError: Double?) {
        if replicated {
            let replicates = (0..<plan.count).map { chunkMoments[momentSlot($0, output)] }
            let mean = replicates.reduce(into: BlockMoments()) { $0.merge($1) }.mean
            let means = replicates.map(\.mean)
            return (mean, means.count >= 2 ? IntervalRanks.standardError(ofMean: means) : nil)
        }
        return MomentTree.root(momentNodes())[output.rawValue].meanAndStandardError
    }

    /// The moments of this run's chunks, as the nodes of ``MomentTree`` that tile them.
    func momentNodes() -> [MomentTree.Node] {
        MomentTree.cover(chunks) { chunk in
            Output.allCases.map { self.chunkMoments[self.momentSlot(chunk, $0)] }
        }
    }

    /// Order statistics of runs that hold every value.
    func heldOrderStatistics(_ ranks: [[Int]]) -> [[Int: Double]] {
        concurrentMap(Output.allCases) { output in
            let wanted = ranks[output.rawValue]
            guard !wanted.isEmpty else { return [:] }
            let column = UnsafeBufferPointer(start: self.held[output.rawValue]!, count: self.pilotTrials)
            return ExactPercentiles.orderStatistics(
                ofHeld: column, ranks: wanted, maxBuckets: self.options.tuning.maxBuckets)
        }
    }
}
