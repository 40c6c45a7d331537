import Foundation

/// A value behind an `NSLock` (a pthread mutex), for state that threads share in code that CI
/// runs under ThreadSanitizer.
///
/// On Linux `Synchronization.Mutex` is a bare futex, whose acquire and release
/// ThreadSanitizer does not see: it reported "Swift access races" inside `withLock` although
/// every access held the lock (docs/hardening.md). It does intercept pthread mutexes.
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
