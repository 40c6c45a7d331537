/// What the user can do about an error, as data: the command line words it with its flags
/// (`--accuracy`, `--shard`), the core in plain terms.
public enum Remedy: Sendable, Equatable {
    /// A sketch too wide for its accuracy: `fitting` (when some accuracy fits) or coarser,
    /// exact percentiles, or narrower priors.
    case coarserSketch(fitting: String?)
    /// Shards missing from a run of `count`: run them and merge again.
    case runShards(count: Int)

    /// The remedy in plain terms, to follow an error's message.
    public var plainWords: String {
        switch self {
        case .coarserSketch(let fitting):
            "; a sketch of " + (fitting.map { "accuracy \($0) or coarser" } ?? "any accuracy")
                + " fits, as do exact percentiles and narrower priors"
        case .runShards: "; run them and merge again"
        }
    }
}
