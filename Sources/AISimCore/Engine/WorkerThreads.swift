import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a run's workers on POSIX threads of their own, outside Dispatch's pool.
///
/// libdispatch on Linux keeps about as many pool threads runnable as there are cores, and the
/// Swift concurrency runtime draws its threads from that same pool. Workers that held pool
/// threads for a whole run could starve every Swift task in the process: with three long runs
/// in one playground test process, every request, and the cancellation of a run whose client
/// had gone, waited for the runs' end. Threads of their own are scheduled by the kernel beside
/// the pool instead.
///
/// The threads come from ``ThreadCache``, which keeps them parked between runs. They are
/// named ``name``, as `top -H` and `/proc/PID/task/*/comm` show them.
public enum WorkerThreads {
    /// The name of a worker thread (at most 15 bytes, the kernel's limit).
    static let name = "aisim-worker"

    /// Names the calling thread `name` (cut to the kernel's 15 bytes), where the system has
    /// `/proc/thread-self/comm`; elsewhere it does nothing.
    public static func nameCurrentThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Calls `body(i)` for every `i` in `0..<count` at once, index 0 on the calling thread and
    /// each other on a thread of ``ThreadCache``, and returns when every call has returned.
    ///
    /// Where the system refuses a thread (a process or memory limit), that index runs on the
    /// calling thread after index 0: every index still runs exactly once, only with less
    /// parallelism.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        let completion = Completion()
        var refused: [Int] = []
        for index in 1..<count {
            completion.expect()
            let started = ThreadCache.shared.start(
                {
                    body(index)
                    completion.done()
                }, name: name)
            if !started {
                completion.done()
                refused.append(index)
            }
        }
        body(0)
        for index in refused { body(index) }
        completion.wait()
    }

    /// Counts calls still running, and lets one thread wait for the last.
    private final class Completion: @unchecked Sendable {
        private let condition = NSCondition()
        private var running = 0

        func expect() {
            condition.lock()
            running += 1
            condition.unlock()
        }

        func done() {
            condition.lock()
            running -= 1
            if running == 0 { condition.broadcast() }
            condition.unlock()
        }

        /// Blocks until every expected call is done.
        func wait() {
            condition.lock()
            while running > 0 { condition.wait() }
            condition.unlock()
        }
    }
}
