/// The tallies of one streaming pass, output by output, in slots that threads fill without
/// locks: one slot per worker, or one per chunk when each replicate's counts must stay apart.
final class StreamTallies: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[OutputTally]>

    /// `count` slots of empty tallies; with `trialsPerSlot`, each tally makes room for the
    /// values its plan is expected to keep of that many trials (a few percent over).
    init(count: Int, plans: [KeptWindows], trialsPerSlot: Int = 0) {
        slots = .allocate(capacity: count)
        for slot in 0..<count {
            (slots.baseAddress! + slot).initialize(
                to: plans.map { plan in
                    var tally = OutputTally(plan: plan)
                    tally.reserve(kept: Int(1.05 * plan.keptShare * Double(trialsPerSlot)))
                    return tally
                })
        }
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    subscript(slot: Int) -> [OutputTally] { slots[slot] }

    /// Tallies a block of `output` in `slot`, which only the calling thread uses meanwhile.
    func add(_ values: UnsafePointer<Double>, count: Int, slot: Int, output: Output, plan: KeptWindows) {
        slots[slot][output.rawValue].add(values, count: count, plan: plan)
    }

    /// Every slot's tallies, merged output by output.
    func merged() -> [OutputTally] {
        var tallies = slots[0]
        for slot in slots.dropFirst() {
            for output in tallies.indices { tallies[output].merge(slot[output]) }
        }
        return tallies
    }
}
