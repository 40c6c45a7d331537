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
///   centred sum of squares, scale exponent and extremes (``BlockMoments``);
/// - `exceedances`: each `--exceed` threshold the shard counted (`streams>=1e6`) and how many
///   of its trials are past it, so that merge gives the exact probability.
/// Doubles are written as the hexadecimal of their IEEE 754 bits, so they read back exactly;
/// every number read is checked (finite, positive where it must be, consistent with the
/// others) before it is used.
///
/// Version 2 added `model` and the moments' exponent and extremes; version 3 `exceedances`.
public struct ShardFile: Sendable {
    /// The version of the layout above. A reader refuses other versions.
    public static let formatVersion = 3
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

    init(prior: Prior, shard: Shard, summary: SketchSummary, aisimVersion: String, digest: String?) {
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
