import Synchronization

/// How a run's threads share its chunks: a fixed chunk plan, and workers that take the next
/// chunk from a shared counter, so the work a chunk does never depends on the thread.
enum ChunkScheduler {
    /// Runs `body` for every chunk in `chunks`, on one thread per worker (``WorkerThreads``),
    /// each taking the next chunk from a shared counter. Once `stop` holds for a worker after a chunk, no worker
    /// starts another.
    static func forEach<Worker>(
        _ chunks: Range<Int>, _ workers: [Worker], stoppingWhen stop: (@Sendable (Worker) -> Bool)? = nil,
        _ body: @escaping @Sendable (Worker, Int) -> Void
    ) {
        let counter = ChunkCounter(chunks.lowerBound)
        let threads = min(workers.count, chunks.count)
        let shared = UnsafeSendable(workers)
        WorkerThreads.run(threads) { index in
            let worker = shared.value[index]
            while true {
                let chunk = counter.next()
                guard chunk < chunks.upperBound else { return }
                body(worker, chunk)
                if let stop, stop(worker) { counter.skip(to: chunks.upperBound) }
            }
        }
    }
}

extension SimulationRun {
    /// ``ChunkScheduler/forEach(_:_:stoppingWhen:_:)`` over this run's workers.
    func parallel(
        _ chunks: Range<Int>, _ workers: [ThreadWorkspace],
        stoppingWhen stop: (@Sendable (ThreadWorkspace) -> Bool)? = nil,
        _ body: @escaping @Sendable (ThreadWorkspace, Int) -> Void
    ) {
        ChunkScheduler.forEach(chunks, workers, stoppingWhen: stop, body)
    }
}

extension SimulationRun {
    /// `transform` applied to every element of `items` on up to `options.threads` threads.
    func concurrentMap<T: Sendable, R>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // The results are copied out below; release them before the memory goes.
            results.deinitialize()
            results.deallocate()
        }
        let slots = UnsafeSendable(results)
        let counter = ChunkCounter(0)
        WorkerThreads.run(min(options.threads, items.count)) { _ in
            while true {
                let i = counter.next()
                guard i < items.count else { return }
                slots.value[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }
}

/// A value shared between threads that write disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Hands out chunk indices to threads, each exactly once.
final class ChunkCounter: Sendable {
    private let value: Atomic<Int>
    init(_ start: Int) { value = Atomic(start) }
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
    /// Makes every later ``next()`` return `end` or more.
    func skip(to end: Int) { value.store(end, ordering: .relaxed) }
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) * 1e-18
}
