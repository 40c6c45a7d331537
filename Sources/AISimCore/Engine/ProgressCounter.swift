import Synchronization

/// Counts the trials a run has finished, for a progress display on another thread.
///
/// The run sets the total when it starts and adds a chunk's trials when the chunk is done (one
/// relaxed atomic add per 65,536 trials, so counting costs nothing measurable); a reader polls
/// ``trials`` and ``total`` whenever it likes. A `--precision` search starts each run afresh.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)
    private let runs = Atomic<Int>(0)

    public init() {}

    /// Trials finished so far in the current run.
    public var trials: Int { done.load(ordering: .relaxed) }
    /// Trials the current run will simulate (0 before it starts).
    public var total: Int { expected.load(ordering: .relaxed) }
    /// Runs started so far: more than one in a `--precision` search.
    public var run: Int { runs.load(ordering: .relaxed) }

    func start(total: Int) {
        done.store(0, ordering: .relaxed)
        expected.store(total, ordering: .relaxed)
        runs.wrappingAdd(1, ordering: .relaxed)
    }

    func add(_ trials: Int) { done.wrappingAdd(trials, ordering: .relaxed) }
}
