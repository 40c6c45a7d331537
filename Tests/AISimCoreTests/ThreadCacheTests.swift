import Foundation
import Synchronization
import Testing

@testable import AISimCore

@Suite("Thread cache")
struct ThreadCacheTests {
    /// The threads of this process named `name` now.
    static func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter {
            (try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8)) == name + "\n"
        }.count
    }

    /// Starts `count` pieces of work on `cache` that each wait until all have started (up to
    /// 20 s), and waits for them: how many saw all the others running.
    static func startTogether(_ count: Int, on cache: ThreadCache, name: String) -> Int {
        let barrier = Barrier(count)
        let finished = Atomic(0)
        for _ in 0..<count {
            let started = cache.start(
                {
                    barrier.arriveAndWait()
                    finished.add(1, ordering: .sequentiallyConsistent)
                }, name: name)
            #expect(started)
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while finished.load(ordering: .sequentiallyConsistent) < count && ContinuousClock.now < deadline {
            usleep(1000)
        }
        return barrier.met
    }

    /// Waits (up to 20 s) until `count` of `cache`'s threads are parked.
    static func waitUntilParked(_ count: Int, _ cache: ThreadCache) {
        let deadline = ContinuousClock.now + .seconds(20)
        while cache.parkedThreads < count && ContinuousClock.now < deadline { usleep(1000) }
        #expect(cache.parkedThreads == count)
    }

    @Test("work runs at once on as many threads, and later work reuses them instead of making more")
    func reuse() {
        let cache = ThreadCache()
        let name = "aisim-test-tc"
        #expect(Self.startTogether(5, on: cache, name: name) == 5, "all five ran at once")
        #expect(Self.threads(named: name) == 5)
        // Parked threads take the next work: no new thread, and again all at once.
        Self.waitUntilParked(5, cache)
        #expect(Self.startTogether(5, on: cache, name: name) == 5)
        #expect(Self.threads(named: name) == 5, "the second round made no thread")
        // More at once than are parked: the cache grows by the difference.
        Self.waitUntilParked(5, cache)
        #expect(Self.startTogether(7, on: cache, name: name) == 7)
        #expect(Self.threads(named: name) == 7)
    }
}
