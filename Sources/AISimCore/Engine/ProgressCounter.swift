import Synchronization

/// Counts the trials a run has finished, for a progress display on another thread.
///
/// The run sets the total when it starts and adds a chunk's trials when the chunk is done (one
/// relaxed atomic add per 65,536 trials, so counting costs nothing measurable); a reader polls
/// ``trials``, ``total``, ``phase`` and ``step`` whenever it likes. A `--precision` search
/// starts each run afresh; a sweep or a comparison numbers its runs as steps. Another thread
/// may also ``cancel()`` the run (the playground, when a newer edit supersedes it).
public final class ProgressCounter: Sendable {
    /// What the run is doing: drawing trials, or the work after the last trial.
    public enum Phase: Int, Sendable {
        /// Drawing and evaluating trials (``trials`` counts them).
        case sampling
        /// Selecting the exact percentiles and counting the thresholds.
        case summarizing
        /// Ranking the samples for the sensitivity analysis and its tornado.
        case sensitivity
    }

    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)
    private let runs = Atomic<Int>(0)
    private let stage = Atomic<Int>(Phase.sampling.rawValue)
    private let stepIndex = Atomic<Int>(0)
    private let stepCount = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    /// Trials finished so far in the current run.
    public var trials: Int { done.load(ordering: .relaxed) }
    /// Trials the current run will simulate (0 before it starts).
    public var total: Int { expected.load(ordering: .relaxed) }
    /// Runs started so far: more than one in a `--precision` search.
    public var run: Int { runs.load(ordering: .relaxed) }
    /// What the current run is doing.
    public var phase: Phase { Phase(rawValue: stage.load(ordering: .relaxed)) ?? .sampling }
    /// Which of several runs this is (1-based) and how many there are, when the work is
    /// several runs in turn; nil for one run.
    public var step: (index: Int, count: Int)? {
        let count = stepCount.load(ordering: .relaxed)
        return count > 0 ? (stepIndex.load(ordering: .relaxed), count) : nil
    }

    func start(total: Int) {
        done.store(0, ordering: .relaxed)
        expected.store(total, ordering: .relaxed)
        stage.store(Phase.sampling.rawValue, ordering: .relaxed)
        runs.wrappingAdd(1, ordering: .relaxed)
    }

    func add(_ trials: Int) { done.wrappingAdd(trials, ordering: .relaxed) }

    /// Asks the run to stop: it starts no further chunk, and throws at its next check
    /// (``PriorError/cancelled(source:)``) instead of summarising what it skipped.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func enter(_ phase: Phase) { stage.store(phase.rawValue, ordering: .relaxed) }

    /// Marks the start of run `index` (1-based) of `count`.
    func begin(step index: Int, of count: Int) {
        stepIndex.store(index, ordering: .relaxed)
        stepCount.store(count, ordering: .relaxed)
    }
}
