import Foundation

extension ShardFile.Payload {
    /// The shard this payload describes, after checking that every part agrees with the
    /// others; `path` names the file in errors.
    func shardFile(path: String, digest: String) throws(ShardError) -> ShardFile {
        func fail(_ message: String) -> ShardError { ShardError(file: path, message: message) }
        guard model == .current else {
            let missing = ModelRecord.current.inputs.filter { !model.inputs.contains($0) }
            let extra = model.inputs.filter { !ModelRecord.current.inputs.contains($0) }
            let difference = [
                missing.isEmpty
                    ? nil : "this aisim's model has inputs the shard's lacks (\(missing.joined(separator: ", ")))",
                extra.isEmpty
                    ? nil : "the shard's model has inputs this aisim's lacks (\(extra.joined(separator: ", ")))",
            ]
            .compactMap { $0 }
            let detail =
                difference.isEmpty
                ? "its model's inputs or outputs differ from this aisim's" : difference.joined(separator: "; ")
            throw fail(
                "written by aisim \(aisimVersion), whose model differs: \(detail); merge with the aisim that wrote it, or rerun the shard"
            )
        }
        guard method == SamplingMethod.random.rawValue else {
            throw fail("method \(method): shards hold sketches of random sampling only")
        }
        guard trials > 0 else { throw fail("trials \(trials): a run has at least one trial") }
        guard QuantileSketch.accuracies.contains(accuracy) else {
            throw fail(
                "accuracy \(accuracy) is outside \(QuantileSketch.accuracies.lowerBound) to \(QuantileSketch.accuracies.upperBound)"
            )
        }
        let rebuilt: Prior
        do {
            rebuilt = try Prior.parse(prior.text, source: prior.source).setting(prior.overrides)
        } catch {
            throw fail("its prior no longer parses (\(error)); rerun the shard with this aisim")
        }
        guard rebuilt.sha256 == prior.sha256 else {
            throw fail("prior sha256 \(prior.sha256) does not match the prior text it holds (\(rebuilt.sha256))")
        }
        let plan = ChunkPlan(trials: trials)
        guard let shard = Shard(index: self.shard.index, count: self.shard.count) else {
            throw fail("shard \(self.shard.index)/\(self.shard.count) is not K/N with 1 ≤ K ≤ N")
        }
        let chunks = shard.chunks(of: plan)
        guard !chunks.isEmpty, self.shard.chunks == [chunks.lowerBound, chunks.upperBound] else {
            throw fail(
                "shard \(shard) of \(trials) trials covers chunks \(chunks), but the file says \(self.shard.chunks)"
            )
        }
        let summary = try self.summary(chunks: chunks, plan: plan, fail: fail)
        let file = ShardFile(
            prior: rebuilt, shard: shard, summary: summary, aisimVersion: aisimVersion, digest: digest)
        guard file.prior.resolvedInputs == prior.inputs else {
            throw fail("its resolved inputs do not match its prior and overrides; rerun the shard with this aisim")
        }
        return file
    }

    private func summary(chunks: Range<Int>, plan: ChunkPlan, fail: (String) -> ShardError) throws(ShardError)
        -> SketchSummary
    {
        let expectedTrials = plan.trials(in: chunks)
        guard shard.trials == [expectedTrials.lowerBound, expectedTrials.upperBound] else {
            throw fail(
                "shard \(shard.index)/\(shard.count) covers trials \(expectedTrials), but the file says \(shard.trials)"
            )
        }
        guard sketches.map(\.output) == Output.allCases.map(\.spec.name) else {
            throw fail(
                "its sketches are for \(sketches.map(\.output).joined(separator: ", ")); this aisim's outputs are \(Output.allCases.map(\.spec.name).joined(separator: ", "))"
            )
        }
        var built: [QuantileSketch] = []
        for record in sketches {
            guard let minimum = Self.double(record.minimum), let maximum = Self.double(record.maximum),
                Self.isPositiveFinite(minimum), Self.isPositiveFinite(maximum), minimum <= maximum,
                let counts = Self.integers(record.counts),
                let sketch = QuantileSketch(
                    accuracy: accuracy, firstKey: record.firstKey, counts: counts, minimum: minimum,
                    maximum: maximum),
                sketch.count == record.count, sketch.count == expectedTrials.count
            else {
                throw fail(
                    "the sketch of \(record.output) is inconsistent (its counts, extremes and trials disagree)")
            }
            built.append(sketch)
        }
        let expectedNodes = MomentTree.tiling(chunks)
        guard moments.map({ [$0.level, $0.index] }) == expectedNodes.map({ [$0.level, $0.index] }) else {
            throw fail("its moment nodes do not tile chunks \(chunks)")
        }
        var nodes: [MomentTree.Node] = []
        for (record, (level, index)) in zip(moments, expectedNodes) {
            let span = (index << level)..<((index + 1) << level)
            let nodeTrials = plan.trials(in: span.clamped(to: 0..<plan.count)).count
            var outputs: [BlockMoments] = []
            for moment in record.outputs {
                guard let sum = Self.double(moment.sum), let centered = Self.double(moment.centered),
                    let minimum = Self.double(moment.minimum), let maximum = Self.double(moment.maximum),
                    Self.isPositiveFinite(sum), centered.isFinite, centered >= 0,
                    Self.isPositiveFinite(minimum), Self.isPositiveFinite(maximum), minimum <= maximum,
                    moment.exponent == BlockMoments.exponent(for: maximum),
                    moment.count == nodeTrials, moment.invalid == 0
                else {
                    throw fail(
                        "the moments of node \(level)/\(index) are not valid numbers, or disagree with each other")
                }
                let moments = BlockMoments(
                    count: moment.count, sum: sum, centered: centered, exponent: moment.exponent,
                    minimum: minimum, maximum: maximum)
                // The mean lies between the extremes (up to the rounding of a long sum).
                guard moments.mean >= minimum * (1 - 1e-9), moments.mean <= maximum * (1 + 1e-9) else {
                    throw fail("the moments of node \(level)/\(index) put the mean outside the values' range")
                }
                outputs.append(moments)
            }
            guard outputs.count == Output.allCases.count else {
                throw fail("node \(level)/\(index) has \(outputs.count) outputs")
            }
            nodes.append(MomentTree.Node(level: level, index: index, moments: outputs))
        }
        var thresholds: [Threshold] = []
        for record in exceedances {
            guard let threshold = try? Threshold(parsing: record.threshold), record.count >= 0,
                record.count <= expectedTrials.count, !thresholds.contains(threshold)
            else {
                throw fail("its count past \"\(record.threshold)\" is not a valid threshold and count of its trials")
            }
            thresholds.append(threshold)
        }
        return SketchSummary(
            trials: trials, seed: seed, accuracy: accuracy, chunks: [chunks], sketches: built, nodes: nodes,
            thresholds: thresholds, thresholdCounts: exceedances.map(\.count))
    }

    static func double(_ hex: String) -> Double? { UInt64(hex, radix: 16).map(Double.init(bitPattern:)) }

    static func isPositiveFinite(_ x: Double) -> Bool { x > 0 && x.isFinite }

    /// Non-negative decimal integers separated by commas, or nil for anything else.
    /// - Complexity: O(characters), one pass over the UTF-8 bytes.
    static func integers(_ text: String) -> [Int]? {
        var values: [Int] = []
        var current = 0
        var digits = 0
        values.reserveCapacity(text.utf8.count / 2)
        for byte in text.utf8 {
            if byte == UInt8(ascii: ",") {
                guard digits > 0 else { return nil }
                values.append(current)
                current = 0
                digits = 0
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let (times, overflow) = current.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                guard !overflow && !carry else { return nil }
                current = sum
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        values.append(current)
        return values
    }
}
