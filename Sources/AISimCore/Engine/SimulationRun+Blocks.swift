import Foundation

/// The block loop: drawing and evaluating a chunk block by block, and accounting for what
/// it produced.
extension SimulationRun {
    /// Samples and evaluates `chunk` block by block: independent draws, or the points of the
    /// chunk's replicate of a design, each input from its own stream of the chunk
    /// (``ChunkStreams``). `destination(offset)` says where the block starting `offset` trials
    /// into the chunk writes its outputs; `body` then sees them.
    /// With `recording`, the block also goes to the sensitivity tally, the histograms and the
    /// samples file, and the finished chunk to the progress counter (the first pass over a
    /// chunk records; a pass that draws it again does not).
    func simulate(
        _ chunk: Int, _ worker: ThreadWorkspace, into destination: (Int) -> OutputColumns, recording: Bool = true,
        _ body: (OutputColumns, Int) -> Void
    ) {
        // A cancelled run draws nothing more; its next check throws.
        guard options.progress?.isCancelled != true else { return }
        let streams = ChunkStreams(seeder: seeder, chunk: chunk, inputs: worker.sampler.plan.drawnInputs)
        let range = plan.range(of: chunk)
        let design =
            replicated
            ? StratifiedDesign(
                method: options.method, inputs: worker.sampler.plan.dimensionInputs, points: range.count,
                streams: streams)
            : nil
        var offset = 0
        while offset < range.count {
            let count = min(Block.size, range.count - offset)
            if let design {
                design.next(count: count, into: worker.uniforms, stride: Block.size)
                worker.sampler.draw(count: count, uniforms: worker.uniforms, stride: Block.size)
            } else {
                worker.sampler.draw(count: count, streams: streams)
            }
            let block = destination(offset)
            worker.evaluator.evaluate(worker.sampler.inputs, into: block, count: count)
            if recording {
                for (i, output) in options.distributionsKept.enumerated() where i < worker.histograms.count {
                    worker.histograms[i].add(block[output], count: count)
                }
                for (t, threshold) in options.thresholds.enumerated() {
                    let past = threshold.count(block[threshold.output], count: count)
                    worker.thresholdCounts[t] += past
                    if replicated { chunkThresholdCounts[chunk * options.thresholds.count + t] += past }
                }
            }
            if recording, let samples = options.samples {
                samples.write(
                    worker.sampler, block, count: count, trial: range.lowerBound + offset, chunk: chunk,
                    worker: worker.index)
            }
            if recording, let sensitivity, let logarithms = worker.sampler.logarithms {
                worker.sensitivityRow.withUnsafeMutableBufferPointer { row in
                    sensitivity.add(
                        into: row.baseAddress!, start: range.lowerBound + offset, count: count,
                        logarithms: logarithms, values: worker.sampler.inputs, block: block)
                }
            }
            body(block, count)
            offset += count
        }
        if recording, let sensitivity, worker.sampler.logarithms != nil {
            sensitivity.finish(chunk: chunk, row: &worker.sensitivityRow)
        }
        if recording {
            options.samples?.endChunk(chunk, worker: worker.index)
            options.progress?.add(range.count)
        }
    }

    /// Starts the samples file, if the run writes one, for this run's chunks.
    func beginSamples(_ workers: [ThreadWorkspace]) {
        options.samples?.begin(plan: plan, chunks: chunks, workers: workers.count)
    }

    /// The CPU time the workers spent on the percentile tally and on the means' sums.
    func recordTimes(_ workers: [ThreadWorkspace]) {
        diagnostics.tallySeconds = Double(workers.reduce(0) { $0 + $1.tallyNanoseconds }) * 1e-9
        diagnostics.momentSeconds = Double(workers.reduce(0) { $0 + $1.momentNanoseconds }) * 1e-9
    }

    /// Adds a block's outputs to its chunk's sums and counts values that left the range of
    /// positive finite doubles.
    func account(_ block: OutputColumns, count: Int, chunk: Int, worker: ThreadWorkspace) {
        for output in Output.allCases {
            let moments = BlockMoments(block[output], count: count)
            chunkMoments[momentSlot(chunk, output)].merge(moments)
            worker.invalidOutputs[output.rawValue] += moments.invalid
        }
    }

    /// Throws for the first input (in model order), then the first output, with samples the
    /// equations cannot use.
    func check(_ workers: [ThreadWorkspace], trials: Int) throws(PriorError) {
        if options.progress?.isCancelled == true { throw PriorError.cancelled(source: prior.source) }
        for input in Input.allCases {
            let invalid = workers.reduce(0) { $0 + $1.sampler.invalid[input.rawValue] }
            guard invalid > 0 else { continue }
            throw PriorError.samplesOutsideDomain(prior[input], invalid: invalid, trials: trials, source: prior.source)
        }
        let overflowing = Output.allCases.map { output in
            (output, workers.reduce(0) { $0 + $1.invalidOutputs[output.rawValue] })
        }
        if overflowing.contains(where: { $0.1 > 0 }) {
            throw PriorError.outputsOutOfRange(overflowing.filter { $0.1 > 0 }, trials: trials, source: prior.source)
        }
    }
}
