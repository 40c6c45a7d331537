import Foundation

/// What a samples file holds and where it came from, written beside it as JSON
/// (``SampleFormat/provenancePath(for:)``): enough to rerun exactly the trials it holds.
///
/// Keys: `aisim_version`; `file` (the samples file's name) and `format`; `columns`, each
/// with its `name`, `kind` (`input` or `output`) and `unit`; `rows`; `first_trial` (the
/// run's trial in row 0, not 0 only for a shard) and `run_trials` (the whole run's);
/// `seed`, `method`; `shard` (`index` and `count`, or null); and `prior`: its `source`,
/// `sha256`, the `--set` `overrides` and every input's resolved value, fixed ones too.
public struct SampleProvenance: Encodable, Sendable {
    struct ColumnRecord: Encodable {
        let name: String
        let kind: String
        let unit: String
    }

    struct PriorRecord: Encodable {
        let source: String
        let sha256: String
        let overrides: [String]
        let inputs: [String: String]
    }

    struct ShardRecord: Encodable {
        let index: Int
        let count: Int
    }

    let aisimVersion = AISimVersion.current
    let file: String
    let format: String
    let columns: [ColumnRecord]
    let rows: Int
    let firstTrial: Int
    let runTrials: Int
    let seed: UInt64
    let method: String
    let shard: ShardRecord?
    let prior: PriorRecord

    enum CodingKeys: String, CodingKey {
        case file, format, columns, rows, seed, method, shard, prior
        case aisimVersion = "aisim_version"
        case firstTrial = "first_trial"
        case runTrials = "run_trials"
    }

    /// The provenance of what `writer` wrote for a run of `prior` with `options` (its last
    /// run's trials, under `--precision`), as shard `shard` when it is one.
    public init(writer: SampleWriter, prior: Prior, options: SimulationOptions, shard: Shard?) {
        file = URL(fileURLWithPath: writer.path).lastPathComponent
        format = writer.format.rawValue
        columns = writer.columns.map { column in
            switch column {
            case .input(let input): ColumnRecord(name: input.spec.name, kind: "input", unit: input.spec.unit)
            case .output(let output): ColumnRecord(name: output.spec.name, kind: "output", unit: output.spec.unit)
            }
        }
        rows = writer.trials.count
        firstTrial = writer.trials.lowerBound
        runTrials = writer.runTrials
        seed = options.seed
        method = options.method.rawValue
        self.shard = shard.map { ShardRecord(index: $0.index, count: $0.count) }
        self.prior = PriorRecord(
            source: prior.source, sha256: prior.sha256, overrides: prior.overrides, inputs: prior.resolvedInputs)
    }

    /// The JSON text, keys sorted, ending in a newline.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and nulls only: encoding cannot fail.
        guard let data = try? encoder.encode(self) else { preconditionFailure("provenance is plain JSON") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
