import Dispatch
import Foundation

/// The sketch pipeline: every chunk into quantile sketches and a moment tree, nothing kept
/// per chunk.
extension SimulationRun {
    /// Simulates this run's chunks into one ``QuantileSketch`` per output and worker, merged
    /// at the end, and the outputs' moments into a ``MomentTree/Accumulator``; nothing is
    /// kept per chunk, so memory does not grow with the trials. A block with a value that is
    /// not a positive finite number stays out of the sketch (``QuantileSketch/add(_:count:)``
    /// refuses it); the check after the pass then stops the run.
    func sketch(_ workers: [ThreadWorkspace]) throws(PriorError) -> SketchSummary {
        guard case .sketch(let accuracy) = options.summary, !replicated else {
            preconditionFailure("sketches summarise random sampling only")
        }
        for worker in workers { worker.sketches = Output.allCases.map { _ in QuantileSketch(accuracy: accuracy) } }
        let tree = MomentTree.Accumulator(chunks: chunks)
        let tooWide: @Sendable (ThreadWorkspace) -> Bool = { worker in worker.sketches.contains(where: \.isTooWide) }
        parallel(chunks, workers, stoppingWhen: tooWide) { worker, chunk in
            var moments = [BlockMoments](repeating: BlockMoments(), count: Self.outputCount)
            self.simulate(chunk, worker, into: { _ in worker.scratch }) { block, count in
                let started = DispatchTime.now().uptimeNanoseconds
                for output in Output.allCases {
                    let values = BlockMoments(block[output], count: count)
                    moments[output.rawValue].merge(values)
                    worker.invalidOutputs[output.rawValue] += values.invalid
                }
                let summed = DispatchTime.now().uptimeNanoseconds
                for output in Output.allCases {
                    worker.sketches[output.rawValue].add(block[output], count: count)
                }
                worker.momentNanoseconds += summed - started
                worker.tallyNanoseconds += DispatchTime.now().uptimeNanoseconds - summed
            }
            tree.add(chunk: chunk, moments)
        }
        var sketches = workers[0].sketches
        for worker in workers.dropFirst() {
            for output in sketches.indices { sketches[output].merge(worker.sketches[output]) }
        }
        // A sketch too wide for its accuracy stopped the run early, so this comes first.
        if let output = Output.allCases.first(where: { sketches[$0.rawValue].isTooWide }) {
            let sketch = sketches[output.rawValue]
            var error = PriorError(file: prior.source, message: sketch.tooWide(output))
            error.remedy = .coarserSketch(fitting: sketch.fittingAccuracy)
            throw error
        }
        let trials = plan.trials(in: chunks).count
        try check(workers, trials: trials)
        recordTimes(workers)
        return SketchSummary(
            trials: options.trials, seed: options.seed, accuracy: accuracy,
            chunks: [chunks], sketches: sketches, nodes: tree.nodes, thresholds: options.thresholds,
            thresholdCounts: options.thresholds.indices.map { t in workers.reduce(0) { $0 + $1.thresholdCounts[t] } })
    }
}
