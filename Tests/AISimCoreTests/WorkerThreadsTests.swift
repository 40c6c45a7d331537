import Foundation
import Testing

@testable import AISimCore

@Suite("Worker threads")
struct WorkerThreadsTests {
    @Test("every index runs exactly once, and all of them at the same time", arguments: [0, 1, 2, 7, 16])
    func everyIndexAtOnce(count: Int) {
        let calls = Guarded([Int](repeating: 0, count: count))
        let barrier = Barrier(count)
        WorkerThreads.run(count) { index in
            calls.withLock { $0[index] += 1 }
            barrier.arriveAndWait()
        }
        #expect(calls.withLock { $0 } == [Int](repeating: 1, count: count))
        #expect(barrier.met == count, "every call saw all the others running")
    }

    @Test("the workers are threads of their own, not the caller's and not one another's")
    func distinctThreads() {
        let threads = Guarded(Set<UInt>())
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
