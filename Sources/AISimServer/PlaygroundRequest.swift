import AISimCore

/// What a playground request asks for: a prior's TOML and the run flags it would take on the
/// command line. Every field but `prior` is optional and defaults as the CLI does.
///
/// `{"prior": "<toml>", "trials": 100000, "seed": 1, "method": "random",
///   "percentiles": [5, 50, 95], "exceed": ["streams>=1e6"], "session": "tab-1", "format": "json"}`
public struct PlaygroundRequest: Decodable, Sendable {
    /// The prior file's text.
    public var prior: String
    public var trials: Double?
    public var seed: UInt64?
    public var method: String?
    public var percentiles: [Double]?
    public var exceed: [String]?
    /// A page's id: a newer request with the same one cancels the older run.
    public var session: String?
    /// `/api/run`'s answer: "json" (the default, `--format json`) or "csv" (`--format csv --ci`).
    public var format: String?

    public init(prior: String, trials: Double? = nil, seed: UInt64? = nil) {
        self.prior = prior
        self.trials = trials
        self.seed = seed
    }
}

/// A request the playground refuses, with the HTTP status it answers.
public struct PlaygroundError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The body is not the JSON the endpoint takes: 400.
        case malformed
        /// The body is larger than ``PlaygroundLimits/maxBodyBytes``: 413.
        case tooLarge
        /// The prior or a flag is wrong, or the trials exceed the limit: 422.
        case unprocessable
        /// Every run slot is busy: 503.
        case busy
        /// A newer request of the same session cancelled this one: 409.
        case superseded
    }

    public let kind: Kind
    /// One line, as the CLI words it (a bad prior names its file and line).
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// The playground's limits.
public struct PlaygroundLimits: Sendable {
    /// The largest request body, in bytes.
    public var maxBodyBytes = 256 * 1024
    /// The most trials one request may ask for.
    public var maxTrials = 10_000_000
    /// The most trials whose samples one request may download (16 bytes a value or so).
    public var maxSampleTrials = 200_000
    /// Runs at once; a request beyond them waits for a slot up to ``slotWait``, then is
    /// answered 503.
    public var maxConcurrentRuns: Int
    /// How long a request waits for a run slot.
    public var slotWait: Duration

    public init(maxConcurrentRuns: Int, slotWait: Duration = .seconds(5)) {
        self.maxConcurrentRuns = max(1, maxConcurrentRuns)
        self.slotWait = slotWait
    }
}
