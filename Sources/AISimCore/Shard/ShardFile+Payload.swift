import Foundation

extension ShardFile {
    /// The JSON payload, field for field.
    struct Payload: Codable {
        struct PriorRecord: Codable {
            let source: String
            let sha256: String
            let text: String
            let overrides: [String]
            let inputs: [String: String]
        }

        struct ShardRecord: Codable {
            let index: Int
            let count: Int
            let chunks: [Int]
            let trials: [Int]
        }

        struct SketchRecord: Codable {
            let output: String
            let count: Int
            let minimum: String
            let maximum: String
            let firstKey: Int
            /// The bucket counts as decimal numbers separated by commas: read back far faster
            /// than a JSON array of numbers.
            let counts: String

            enum CodingKeys: String, CodingKey {
                case output, count, minimum, maximum, counts
                case firstKey = "first_key"
            }
        }

        struct MomentRecord: Codable {
            let count: Int
            let sum: String
            let centered: String
            let exponent: Int
            let minimum: String
            let maximum: String
            let invalid: Int
        }

        struct ModelRecord: Codable, Equatable {
            let inputs: [String]
            let outputs: [String]

            /// This aisim's model.
            static let current = ModelRecord(
                inputs: Input.allCases.map(\.spec.name), outputs: Output.allCases.map(\.spec.name))
        }

        struct NodeRecord: Codable {
            let level: Int
            let index: Int
            let outputs: [MomentRecord]
        }

        let aisimVersion: String
        let method: String
        let seed: UInt64
        let trials: Int
        let accuracy: Double
        let model: ModelRecord
        let prior: PriorRecord
        let shard: ShardRecord
        let sketches: [SketchRecord]
        let moments: [NodeRecord]
        let exceedances: [ExceedanceRecord]

        struct ExceedanceRecord: Codable {
            let threshold: String
            let count: Int
        }

        enum CodingKeys: String, CodingKey {
            case method, seed, trials, accuracy, model, prior, shard, sketches, moments, exceedances
            case aisimVersion = "aisim_version"
        }

        init(_ file: ShardFile) {
            let summary = file.summary
            aisimVersion = file.aisimVersion
            method = SamplingMethod.random.rawValue
            seed = summary.seed
            trials = summary.trials
            accuracy = summary.accuracy
            model = .current
            prior = PriorRecord(
                source: file.prior.source, sha256: file.prior.sha256, text: file.prior.text,
                overrides: file.prior.overrides, inputs: file.prior.resolvedInputs)
            let chunks = file.shard.chunks(of: ChunkPlan(trials: summary.trials))
            let trials = file.trials
            shard = ShardRecord(
                index: file.shard.index, count: file.shard.count,
                chunks: [chunks.lowerBound, chunks.upperBound], trials: [trials.lowerBound, trials.upperBound])
            sketches = Output.allCases.map { output in
                let sketch = summary.sketches[output.rawValue]
                let (firstKey, counts) = sketch.occupiedSpan
                return SketchRecord(
                    output: output.spec.name, count: sketch.count, minimum: Self.hex(sketch.minimum),
                    maximum: Self.hex(sketch.maximum), firstKey: firstKey,
                    counts: counts.map(String.init).joined(separator: ","))
            }
            moments = summary.nodes.map { node in
                NodeRecord(
                    level: node.level, index: node.index,
                    outputs: node.moments.map {
                        MomentRecord(
                            count: $0.count, sum: Self.hex($0.sum), centered: Self.hex($0.centered),
                            exponent: $0.exponent,
                            minimum: Self.hex($0.minimum), maximum: Self.hex($0.maximum), invalid: $0.invalid)
                    })
            }
            exceedances = zip(summary.thresholds, summary.thresholdCounts).map {
                ExceedanceRecord(threshold: $0.description, count: $1)
            }
        }

        static func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
    }
}
