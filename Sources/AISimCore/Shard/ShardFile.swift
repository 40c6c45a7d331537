import Foundation

/// One shard's result as `--out` writes it and `aisim merge` reads it: the shard's quantile
/// sketches and moment-tree nodes, with everything needed to merge safely.
///
/// The file is text. Its first line is `aisim-shard VERSION sha256:HEX`, where HEX is the
/// SHA-256 of everything after that line, so a truncated or altered file is caught before it
/// is read. The rest is one JSON object (keys sorted, so a rerun writes the same bytes):
/// - `aisim_version`, `method` (always `random`), `seed`, `trials` (of the whole run) and
///   `accuracy` (the α asked for);
/// - `model`: the names of the model's `inputs` and `outputs`, so that a shard from an aisim
///   with another model is refused in plain words;
/// - `prior`: its `source`, `sha256`, full `text`, the `--set` `overrides` and the resolved
///   `inputs` (name → value as written), so merge rebuilds exactly the prior the shards ran;
/// - `shard`: `index`, `count`, and the `chunks` and `trials` it covers, as [start, end);
/// - `sketches`: per output, the count, the smallest and largest value, and the bucket
///   counts from `first_key` on (as one string of numbers separated by commas);
/// - `moments`: the ``MomentTree`` nodes tiling the shard's chunks, each output's count, sum,
///   centred sum of squares, scale exponent and extremes (``BlockMoments``).
/// Doubles are written as the hexadecimal of their IEEE 754 bits, so they read back exactly;
/// every number read is checked (finite, positive where it must be, consistent with the
/// others) before it is used.
///
/// Version 2 added `model` and the moments' exponent and extremes.
public struct ShardFile: Sendable {
    /// The version of the layout above. A reader refuses other versions.
    public static let formatVersion = 2
    static let magic = "aisim-shard"
    /// The largest file ``read(path:)`` reads: 1 GiB, well above a shard of the widest sketches.
    static let maximumFileSize = 1 << 30

    public let aisimVersion: String
    /// The prior the shard ran, `--set` overrides applied.
    public let prior: Prior
    public let shard: Shard
    public let summary: SketchSummary
    /// The SHA-256 of the payload, when the file was read (it is then the header's).
    private let readDigest: String?

    public init(prior: Prior, shard: Shard, summary: SketchSummary, aisimVersion: String = AISimVersion.current) {
        self.init(prior: prior, shard: shard, summary: summary, aisimVersion: aisimVersion, digest: nil)
    }

    private init(prior: Prior, shard: Shard, summary: SketchSummary, aisimVersion: String, digest: String?) {
        self.prior = prior
        self.shard = shard
        self.summary = summary
        self.aisimVersion = aisimVersion
        readDigest = digest
    }

    /// The SHA-256 of the JSON payload: equal for two files exactly when they hold the same
    /// shard of the same run.
    public func digest() throws(ShardError) -> String {
        if let readDigest { return readDigest }
        return Self.digest(try payload())
    }

    /// The trials this shard simulated.
    public var trials: Range<Int> {
        let plan = ChunkPlan(trials: summary.trials)
        return plan.trials(in: shard.chunks(of: plan))
    }

    /// The `--set` assignments that turn the prior file into ``prior``, in input order.
    var overrides: [String] {
        prior.entries.filter { $0.origin == .commandLine }.map { "\($0.input.spec.name)=\($0.text)" }
    }

    /// Every input's value as resolved: the written text, or the post's value.
    var resolvedInputs: [String: String] {
        Dictionary(uniqueKeysWithValues: prior.entries.map { ($0.input.spec.name, $0.text) })
    }

    // MARK: Writing

    /// The file's text: the checksummed header line, then the JSON payload.
    /// - Throws: ``ShardError`` if the payload cannot be encoded (it holds only strings,
    ///   integers and finite accuracies, so this does not happen in practice).
    public func encoded() throws(ShardError) -> String {
        let payload = try payload()
        return "\(Self.magic) \(Self.formatVersion) sha256:\(Self.digest(payload))\n" + payload
    }

    /// The JSON payload, one line.
    private func payload() throws(ShardError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(Payload(self)), as: UTF8.self) + "\n"
        } catch {
            throw ShardError(file: nil, message: "cannot encode the shard: \(error)")
        }
    }

    static func digest(_ text: String) -> String {
        sha256Hex(text)
    }

    // MARK: Reading

    /// What a JSON decoding error says, in plain words: which field, and what is wrong with it.
    static func plainWords(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            path.isEmpty
                ? "the payload"
                : "the field " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "its payload is not valid JSON" : "\(field(context.codingPath)) holds a value that cannot be read"
        case .keyNotFound(let key, let context):
            return "\(field(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(field(context.codingPath)) holds the wrong kind of value"
        @unknown default:
            return "its payload does not have the layout of a shard file"
        }
    }

    /// Reads the shard file at `path`.
    /// - Throws: ``ShardError`` naming `path` for a file that cannot be read, is not a shard
    ///   file, has another format version, fails its checksum, or holds inconsistent data.
    public static func read(path: String) throws(ShardError) -> ShardFile {
        let data: Data
        do {
            data = try FileReader.read(path, limit: maximumFileSize, prefix: magic)
        } catch {
            throw ShardError(file: path, message: "cannot read the file: \(error.reason)")
        }
        guard !data.isEmpty else {
            throw ShardError(file: path, message: "the file is empty; an aisim shard file starts with '\(magic)'")
        }
        guard data.count <= maximumFileSize else {
            throw ShardError(file: path, message: "the file is larger than 1 GiB, more than any shard file holds")
        }
        return try decode(String(decoding: data, as: UTF8.self), path: path)
    }

    /// The shard file whose text is `text`; `path` names it in errors.
    public static func decode(_ text: String, path: String) throws(ShardError) -> ShardFile {
        func fail(_ message: String) -> ShardError { ShardError(file: path, message: message) }
        guard let newline = text.firstIndex(of: "\n") else {
            throw fail(
                text.hasPrefix(magic)
                    ? "truncated: the file ends inside its header line"
                    : "not an aisim shard file (it does not start with '\(magic)')")
        }
        let header = text[..<newline].split(separator: " ")
        guard header.count == 3, header[0] == magic else {
            throw fail("not an aisim shard file (its first line is not '\(magic) VERSION sha256:HEX')")
        }
        guard header[1] == "\(formatVersion)" else {
            throw fail(
                "shard format version \(header[1]); this aisim (\(AISimVersion.current)) reads version \(formatVersion): merge with the aisim that wrote it, or rerun the shard"
            )
        }
        let payload = String(text[text.index(after: newline)...])
        let digest = digest(payload)
        guard header[2] == "sha256:\(digest)" else {
            throw fail("corrupt or truncated: its contents do not match the SHA-256 in its header; rerun this shard")
        }
        let decoded: Payload
        do {
            decoded = try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
        } catch let error as DecodingError {
            throw fail("unreadable shard data: \(Self.plainWords(error)); rerun this shard")
        } catch {
            throw fail("unreadable shard data; rerun this shard")
        }
        return try decoded.shardFile(path: path, digest: digest)
    }
}

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

        enum CodingKeys: String, CodingKey {
            case method, seed, trials, accuracy, model, prior, shard, sketches, moments
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
                overrides: file.overrides, inputs: file.resolvedInputs)
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
        }

        static func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }

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
            guard file.resolvedInputs == prior.inputs else {
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
            return SketchSummary(
                trials: trials, seed: seed, accuracy: accuracy, chunks: [chunks], sketches: built, nodes: nodes)
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
}
