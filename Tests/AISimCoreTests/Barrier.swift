import Foundation
import Synchronization

/// A meeting point for `count` threads: none gets past it until all have reached it, which
/// cannot happen if any two ran one after the other. It gives up after 20 s instead of
/// hanging the suite, and once one arrival has given up, later ones do not wait at all.
final class Barrier: Sendable {
    let count: Int
    private let arrived = Atomic(0)
    private let metAll = Atomic(0)
    private let broken = Atomic(false)

    init(_ count: Int) { self.count = count }

    /// Arrives, and waits until every thread has arrived, 20 s have passed, or an earlier
    /// arrival gave up.
    func arriveAndWait() {
        arrived.add(1, ordering: .sequentiallyConsistent)
        let deadline = ContinuousClock.now + .seconds(20)
        while !allArrived && !broken.load(ordering: .sequentiallyConsistent) {
            guard ContinuousClock.now < deadline else {
                broken.store(true, ordering: .sequentiallyConsistent)
                break
            }
            usleep(100)
        }
        if allArrived { metAll.add(1, ordering: .sequentiallyConsistent) }
    }

    private var allArrived: Bool { arrived.load(ordering: .sequentiallyConsistent) == count }

    /// How many arrivals saw every other one arrive.
    var met: Int { metAll.load(ordering: .sequentiallyConsistent) }
}
