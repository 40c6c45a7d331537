import Foundation
import Testing

@testable import AISimCore

/// Guarded.swift: every update made under the lock survives when threads update at once.
@Suite("Guarded")
struct GuardedTests {
    @Test("8 threads adding 10,000 times each leave exactly 80,000")
    func noLostUpdates() {
        let total = Guarded(0)
        WorkerThreads.run(8) { _ in
            for _ in 0..<10_000 { total.withLock { $0 += 1 } }
        }
        #expect(total.withLock { $0 } == 80_000)
    }

    @Test("withLock returns the body's result and passes on what it throws")
    func resultsAndErrors() throws {
        struct Failure: Error {}
        let value = Guarded([1, 2, 3])
        #expect(value.withLock { $0.reduce(0, +) } == 6)
        #expect(throws: Failure.self) { try value.withLock { _ in throw Failure() } }
        #expect(value.withLock { $0 } == [1, 2, 3])
    }
}
