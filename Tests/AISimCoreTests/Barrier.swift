import Foundation
import Synchronization

/// A meeting point for `count` threads: none gets past it until all have reached it, which
/// cannot happen if any two ran one after the other. It gives up after 20 s instead of
/// hanging the suite.
final class Barrier: Sendable {
    let count: Int
    private let arrived = Atomic(0)
    private let metAll = Atomic(0)

    init(_ count: Int) { self.count = count }

    /// Arrives, and waits until every thread has arrived or 20 s have passed.
    func arriveAndWait() {
        arrived.add(1, ordering: .sequentiallyConsistent)
        let deadline = ContinuousClock.now + .seconds(20)
        while arrived.load(ordering: .sequentiallyConsistent) < count && ContinuousClock.now < deadline {
            usleep(100)
        }
        if arrived.load(ordering: .sequentiallyConsistent) == count { metAll.add(1, ordering: .sequentiallyConsistent) }
    }

    /// How many arrivals saw every other one arrive.
    var met: Int { metAll.load(ordering: .sequentiallyConsistent) }
}
