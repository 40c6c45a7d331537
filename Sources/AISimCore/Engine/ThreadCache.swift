import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// POSIX threads kept parked between runs, so that a run's phases start their workers
/// without creating threads each time.
///
/// ``start(_:)`` hands a piece of work to a parked thread, or to a new thread when none is
/// parked, so work never waits behind other work: every piece runs at once, as a run's
/// workers must. A thread parks again when its work returns and lives as long as the process,
/// so the cache holds as many threads as were ever busy at once (a run's thread count, times
/// the runs in flight together). Creating and joining a thread measured 50–70 µs on this
/// project's 2-core machine when quiet (170–250 µs under load), and a run has about six
/// phases: at 16 threads, 5 ms or more of a 1e7-trial run's 0.1 s.
///
/// The lock and the condition are a pthread mutex and condition variable (`NSCondition`),
/// which ThreadSanitizer sees.
final class ThreadCache: @unchecked Sendable {
    /// The process's cache.
    static let shared = ThreadCache()

    private let condition = NSCondition()
    /// Work handed to parked threads and not yet taken.
    private var pending: [@Sendable () -> Void] = []
    /// Parked threads that no pending work is already promised to.
    private var parked = 0

    /// How many threads are parked now, with no work promised to them.
    var parkedThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return parked
    }

    /// Runs `work` on a parked thread or a new one, named `name`: whether it could (false
    /// only when the system refuses a new thread, and then `work` has not run).
    func start(_ work: @escaping @Sendable () -> Void, name: String) -> Bool {
        condition.lock()
        if parked > 0 {
            parked -= 1
            pending.append(work)
            condition.signal()
            condition.unlock()
            return true
        }
        condition.unlock()
        return spawn(first: work, name: name)
    }

    /// A new thread that runs `first`, then whatever work it is handed, parking in between.
    private func spawn(first: @escaping @Sendable () -> Void, name: String) -> Bool {
        let loop = Unmanaged.passRetained(
            Job { [self] in
                WorkerThreads.nameCurrentThread(name)
                var work = first
                while true {
                    work()
                    work = next()
                }
            }
        ).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().work()
                return nil
            }, loop)
        guard status == 0 else {
            Unmanaged<Job>.fromOpaque(loop).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    /// Parks the calling thread until work is handed to it, and returns that work.
    private func next() -> @Sendable () -> Void {
        condition.lock()
        defer { condition.unlock() }
        parked += 1
        while pending.isEmpty { condition.wait() }
        return pending.removeFirst()
    }

    /// A closure in a class, to cross `pthread_create`'s raw pointer.
    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }
}
