import Foundation
import Synchronization
import Testing

@testable import AISimCore

@Suite("Worker threads")
struct WorkerThreadsTests {
    @Test("every index runs exactly once, and all of them at the same time", arguments: [0, 1, 2, 7, 16])
    func everyIndexAtOnce(count: Int) {
        let calls = Mutex([Int](repeating: 0, count: count))
        let arrived = Atomic(0)
        let met = Atomic(0)
        WorkerThreads.run(count) { index in
            calls.withLock { $0[index] += 1 }
            // A barrier: no call gets past it until every call has reached it, which cannot
            // happen if any two ran one after the other. It gives up after 20 s instead of
            // hanging the suite.
            arrived.add(1, ordering: .sequentiallyConsistent)
            let deadline = ContinuousClock.now + .seconds(20)
            while arrived.load(ordering: .sequentiallyConsistent) < count && ContinuousClock.now < deadline {
                usleep(100)
            }
            if arrived.load(ordering: .sequentiallyConsistent) == count {
                met.add(1, ordering: .sequentiallyConsistent)
            }
        }
        #expect(calls.withLock { $0 } == [Int](repeating: 1, count: count))
        #expect(met.load(ordering: .sequentiallyConsistent) == count, "every call saw all the others running")
    }

    @Test("the workers are threads of their own, not the caller's and not one another's")
    func distinctThreads() {
        let threads = Mutex(Set<UInt>())
        let caller = UInt(pthread_self())
        WorkerThreads.run(6) { index in
            let me = UInt(pthread_self())
            threads.withLock { _ = $0.insert(me) }
            if index == 0 { #expect(me == caller, "index 0 runs on the calling thread") }
            usleep(20_000)
        }
        #expect(threads.withLock { $0.count } == 6)
    }
}
