import AISimCore

/// What changed in a run's numbers since the run before it, as `aisim watch` marks it.
///
/// Every percentile and mean of the compared outputs that differs between the runs is one
/// ``Change``. A change is *within Monte Carlo error* when the new value lies inside the
/// previous run's 95% confidence interval for that number (a side the run could not bound
/// counts as open); for a mean, when it lies within 1.96 standard errors of the previous mean.
/// Such a change is smaller than the previous run could tell from chance, so more trials are
/// needed before reading anything into it.
public struct RunChanges: Sendable {
    /// One number that differs between the runs.
    public struct Change: Sendable, Equatable {
        public let output: Output
        /// The table's row: `p50`, or `mean`.
        public let label: String
        public let before: Double
        public let after: Double
        /// Whether `after` lies inside the previous run's 95% interval for the number.
        public let withinError: Bool

        /// The change relative to the previous value, (after − before) / |before|; nil when
        /// the previous value is 0.
        public var relative: Double? { before == 0 ? nil : (after - before) / abs(before) }
    }

    /// The normal quantile a mean's 95% interval spans on each side, in standard errors.
    static let meanHalfWidth = 1.959_963_984_540_054

    /// The numbers that changed, output by output in the order given, each output's rows in
    /// the table's order.
    public let changes: [Change]

    /// The changes from `before` to `after` in the percentiles (those both runs computed) and
    /// means of `outputs`.
    public init(from before: SimulationResult, to after: SimulationResult, outputs: [Output]) {
        var changes: [Change] = []
        for output in outputs {
            let old = before[output]
            let new = after[output]
            for (k, percentile) in after.percentiles.enumerated() where k < new.percentiles.count {
                guard let j = before.percentiles.firstIndex(of: percentile), j < old.percentiles.count,
                    old.percentiles[j] != new.percentiles[k]
                else { continue }
                let interval = j < old.intervals.count ? old.intervals[j] : ConfidenceInterval(lower: nil, upper: nil)
                let value = new.percentiles[k]
                let within =
                    (interval.lower.map { $0 <= value } ?? true) && (interval.upper.map { value <= $0 } ?? true)
                changes.append(
                    Change(
                        output: output, label: percentile.key, before: old.percentiles[j], after: value,
                        withinError: within))
            }
            if old.mean != new.mean {
                let within = old.meanStandardError.map { abs(new.mean - old.mean) <= Self.meanHalfWidth * $0 } ?? false
                changes.append(
                    Change(output: output, label: "mean", before: old.mean, after: new.mean, withinError: within))
            }
        }
        self.changes = changes
    }

    /// These changes, as they are.
    init(_ changes: [Change]) { self.changes = changes }

    /// The changes as lines for people, under a heading naming `run`, the run compared with:
    /// `streams  p50  6.17e5 → 6.80e5 (+10%)`, with `, within Monte Carlo error` inside the
    /// parentheses where it applies. Two or more changes of one output within Monte Carlo
    /// error share one line, which gives the largest; one line says so when nothing changed.
    public func lines(since run: Int, notation: Notation = .default) -> [String] {
        guard !changes.isEmpty else { return ["no change since run \(run)"] }
        let outputWidth = changes.map(\.output.spec.name.count).max() ?? 0
        let labelWidth = changes.map(\.label.count).max() ?? 0
        let beforeWidth = changes.map { notation.format($0.before).count }.max() ?? 0
        var lines = [
            "changes since run \(run) (within Monte Carlo error: inside run \(run)'s 95% interval, too small to tell from chance):"
        ]
        var outputs: [Output] = []
        for change in changes where !outputs.contains(change.output) { outputs.append(change.output) }
        for output in outputs {
            let own = changes.filter { $0.output == output }
            let chance = own.filter(\.withinError)
            let name = "  " + output.spec.name.padding(toLength: outputWidth) + "  "
            for change in own where !change.withinError || chance.count == 1 {
                let percent = change.relative.map(Self.signedPercentage) ?? "from 0"
                let note = change.withinError ? ", within Monte Carlo error" : ""
                lines.append(
                    name + change.label.padding(toLength: labelWidth) + "  "
                        + notation.format(change.before).leftPadding(toLength: beforeWidth) + " → "
                        + notation.format(change.after) + " (\(percent)\(note))")
            }
            guard chance.count > 1 else { continue }
            let largest = chance.max { abs($0.relative ?? .infinity) < abs($1.relative ?? .infinity) }
            let extreme = largest.map { " \($0.label) " + ($0.relative.map(Self.signedPercentage) ?? "from 0") } ?? ""
            lines.append(
                name
                    + "\(chance.count) \(own.count == chance.count ? "" : "more ")changes within Monte Carlo error, the largest\(extreme)"
            )
        }
        return lines
    }

    /// A relative change as a signed percentage: `+12%`, `-0.31%`.
    static func signedPercentage(_ x: Double) -> String {
        (x > 0 ? "+" : "") + NumberFormat.percentage(x)
    }
}
