import AISimCore

extension PriorEntry.Origin {
    /// The origin as JSON and CSV name it: `file`, `--set` or `post`.
    var word: String {
        switch self {
        case .post: "post"
        case .file: "file"
        case .commandLine: "--set"
        }
    }
}

extension PriorEntry {
    /// Where the value was set, as tables say it: `line 8`, `--set` or `the post's value`.
    var whereSet: String {
        switch origin {
        case .post: "the post's value"
        case .file: line.map { "line \($0)" } ?? "the prior"
        case .commandLine: "--set"
        }
    }
}

extension SimulationResult {
    /// What a provenance line adds for a design: ` · lhs, 16 replicates` (nothing for random
    /// sampling).
    public var methodNote: String {
        replicatesText.map { " · \(method.rawValue), \($0)" } ?? ""
    }

    /// `16 replicates` (or `1 replicate`) for a design; nil for random sampling.
    public var replicatesText: String? {
        replicates.map { "\($0) replicate\($0 == 1 ? "" : "s")" }
    }
}
