import Foundation

/// A value behind an `NSLock` (a pthread mutex), for tests whose threads share one.
///
/// The thread tests run under ThreadSanitizer in CI. With `Synchronization.Mutex`,
/// ThreadSanitizer reported two "Swift access races" inside `withLock` between worker threads
/// (in one run of the CI filter here, none in others), although every access held the lock: it does not
/// see that lock's acquire and release on Linux. It does intercept pthread mutexes.
final class Guarded<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
