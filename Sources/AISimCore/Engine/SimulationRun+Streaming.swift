import Dispatch
import Foundation

/// The streaming passes of long exact runs: every chunk through the keep plans, a second pass
/// for ranks that fell between windows, and the counts a design's intervals need.
extension SimulationRun {
    /// Streams every chunk through the keep plans: the pilot's held values, then new chunks.
    /// A design keeps a tally per chunk (replicate), so that each replicate's counts stay apart.
    func stream(_ plans: [KeptWindows], _ workers: [ThreadWorkspace]) throws(PriorError) -> StreamTallies {
        let slotCount = replicated ? plan.count : workers.count
        let slots = StreamTallies(
            count: slotCount, plans: plans, trialsPerSlot: (options.trials + slotCount - 1) / slotCount)
        parallel(0..<plan.count, workers) { worker, chunk in
            let slot = self.replicated ? chunk : worker.index
            if chunk < self.pilotChunks {
                self.tallyPilot(chunk, worker, slots, slot, plans)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }) { block, count in
                    let started = DispatchTime.now().uptimeNanoseconds
                    self.account(block, count: count, chunk: chunk, worker: worker)
                    let summed = DispatchTime.now().uptimeNanoseconds
                    for output in self.summarised {
                        slots.add(block[output], count: count, slot: slot, output: output, plan: plans[output.rawValue])
                    }
                    worker.momentNanoseconds += summed - started
                    worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - summed
                }
            }
        }
        try check(workers, trials: options.trials)
        recordTimes(workers)
        return slots
    }

    /// The order statistics at `ranks` (for each output) from the streamed tallies, with one
    /// more pass over the chunks for any rank that fell in a gap between the kept windows.
    ///
    /// The pass over the kept values runs on every thread: one task per output and part (each
    /// worker's values are a part of the merged tally).
    func orderStatistics(
        _ ranks: [[Int]], _ tallies: [OutputTally], _ plans: [KeptWindows], _ workers: [ThreadWorkspace]
    ) throws(PriorError) -> [[Int: Double]] {
        let lookups = Output.allCases.map {
            tallies[$0.rawValue].lookup(ranks: ranks[$0.rawValue], plan: plans[$0.rawValue])
        }
        let tasks = Output.allCases.filter { !lookups[$0.rawValue].asked.isEmpty }.flatMap { output in
            (0..<tallies[output.rawValue].partCount).map { (output: output, part: $0) }
        }
        let pieces = concurrentMap(tasks) { task in
            tallies[task.output.rawValue].gather(
                lookups[task.output.rawValue], part: task.part, map: plans[task.output.rawValue].map)
        }
        var found = concurrentMap(Output.allCases) { output in
            let gathered = zip(tasks, pieces).filter { $0.0.output == output }.map(\.1)
            return tallies[output.rawValue].values(
                lookups[output.rawValue], gathered: gathered, plan: plans[output.rawValue])
        }
        if lookups.contains(where: { !$0.missing.isEmpty }) {
            diagnostics.fallbackPasses += 1
            let extraPlans = Output.allCases.map {
                KeptWindows(recovering: Array(lookups[$0.rawValue].missing.keys), of: plans[$0.rawValue])
            }
            let extra = try streamAgain(extraPlans, workers)
            for output in Output.allCases where !lookups[output.rawValue].missing.isEmpty {
                tallies[output.rawValue].recover(
                    lookups[output.rawValue].missing, into: &found[output.rawValue],
                    from: extra[output.rawValue], extraPlan: extraPlans[output.rawValue])
            }
        }
        return found
    }

    /// For each output and threshold, how many of each replicate's values are at most the
    /// threshold, from the replicates' own tallies; a threshold in a gap between kept windows
    /// (after a fallback pass) is counted by one more pass over the chunks.
    func replicateCounts(
        _ thresholds: [[Double]], _ slots: StreamTallies, _ plans: [KeptWindows], _ workers: [ThreadWorkspace]
    ) throws(PriorError) -> [[[Int]]] {
        let counts = concurrentMap(Output.allCases) { output in
            thresholds[output.rawValue].map { threshold in
                (0..<self.plan.count).map { chunk in
                    slots[chunk][output.rawValue].count(atMost: threshold, plan: plans[output.rawValue])
                }
            }
        }
        guard counts.allSatisfy({ $0.allSatisfy { $0.allSatisfy { $0 != nil } } }) else {
            return try countsByChunk(thresholds, workers)
        }
        return counts.map { $0.map { $0.map { $0! } } }
    }

    /// For each output and threshold, how many of each chunk's values are at most the
    /// threshold: from the held values, drawing again the chunks that were not held.
    func countsByChunk(_ thresholds: [[Double]], _ workers: [ThreadWorkspace]) throws(PriorError) -> [[[Int]]] {
        let offsets = thresholds.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let width = offsets.last!
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: plan.count * width)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let shared = UnsafeSendable(counts)
        if pilotChunks < plan.count { diagnostics.fallbackPasses += 1 }
        parallel(0..<plan.count, workers) { worker, chunk in
            let row = shared.value.baseAddress! + chunk * width
            /// Counts the values at most each threshold in `n` values of each output with thresholds.
            func count(_ column: (Output) -> UnsafeMutablePointer<Double>, _ n: Int) {
                for output in Output.allCases where !thresholds[output.rawValue].isEmpty {
                    let column = column(output)
                    for (k, threshold) in thresholds[output.rawValue].enumerated() {
                        var below = 0
                        for i in 0..<n { below &+= column[i] <= threshold ? 1 : 0 }
                        row[offsets[output.rawValue] + k] += below
                    }
                }
            }
            let range = self.plan.range(of: chunk)
            if chunk < self.pilotChunks {
                count({ self.held[$0.rawValue]! + range.lowerBound }, range.count)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }, recording: false) { block, n in
                    count({ block[$0] }, n)
                }
            }
        }
        return thresholds.indices.map { output in
            thresholds[output].indices.map { k in
                (0..<plan.count).map { chunk in counts[chunk * width + offsets[output] + k] }
            }
        }
    }

    /// A second pass over every chunk, keeping the values of the buckets in `plans`.
    func streamAgain(_ plans: [KeptWindows], _ workers: [ThreadWorkspace]) throws(PriorError) -> [OutputTally] {
        let slots = StreamTallies(count: workers.count, plans: plans)
        parallel(0..<plan.count, workers) { worker, chunk in
            if chunk < self.pilotChunks {
                self.tallyPilot(chunk, worker, slots, worker.index, plans)
            } else {
                self.simulate(chunk, worker, into: { _ in worker.scratch }, recording: false) { block, count in
                    for output in self.summarised {
                        slots.add(
                            block[output], count: count, slot: worker.index, output: output,
                            plan: plans[output.rawValue])
                    }
                }
            }
        }
        return slots.merged()
    }

    func tallyPilot(
        _ chunk: Int, _ worker: ThreadWorkspace, _ slots: StreamTallies, _ slot: Int, _ plans: [KeptWindows]
    ) {
        let range = plan.range(of: chunk)
        let started = DispatchTime.now().uptimeNanoseconds
        for output in summarised {
            slots.add(
                held[output.rawValue]! + range.lowerBound, count: range.count, slot: slot, output: output,
                plan: plans[output.rawValue])
        }
        worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - started
    }
}
