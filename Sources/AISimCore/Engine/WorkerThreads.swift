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
/// Creating a thread costs some tens of microseconds, against milliseconds of work per
/// worker in a run. The threads are named ``name``, as `top -H` and `/proc/PID/task/*/comm`
/// show them.
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
    /// each other on a new thread, and returns when every call has returned.
    ///
    /// Where the system refuses a thread (a process or memory limit), that index runs on the
    /// calling thread after index 0: every index still runs exactly once, only with less
    /// parallelism.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        var started: [pthread_t] = []
        var refused: [Int] = []
        for index in 1..<count {
            let job = Unmanaged.passRetained(Job { body(index) }).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(
                &thread, nil,
                { raw in
                    guard let raw else { return nil }
                    WorkerThreads.nameCurrentThread(WorkerThreads.name)
                    Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().work()
                    return nil
                }, job)
            if status == 0 {
                started.append(thread)
            } else {
                Unmanaged<Job>.fromOpaque(job).release()
                refused.append(index)
            }
        }
        body(0)
        for index in refused { body(index) }
        for thread in started { pthread_join(thread, nil) }
    }

    /// A closure in a class, to cross `pthread_create`'s raw pointer.
    private final class Job {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }
}
