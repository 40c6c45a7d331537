import Foundation

/// A prior run once per year, `year` set to each in turn, on common random numbers: what
/// `aisim timeline` does.
///
/// A row is exactly the run with `--set year=Y`: a ``Sweep`` over `year`, so every row has the
/// same seed and every other input the same draws, and a curve across years moves only with
/// the years (MODEL.md: W = world_flops × compute_growth^(year − base_year), the serial speed
/// times serial_speed_growth^(year − base_year)). Growth to the year is all that changes;
/// algorithmic progress in training is not modelled.
public struct Timeline: Sendable {
    /// The years, in increasing order.
    public let years: [Double]

    /// The most years one timeline runs.
    public static let maximumYears = 200

    /// The years `first`, `first + step`, … up to `last`, which is included when the steps
    /// land on it (to within a millionth of a step).
    ///
    /// - Returns: nil when `step` is not positive and finite, `last` is before `first`, or the
    ///   years would be more than ``maximumYears``.
    /// - Complexity: O(years).
    public static func years(from first: Double, to last: Double, step: Double) -> [Double]? {
        guard step > 0, step.isFinite, first.isFinite, last.isFinite, last >= first else { return nil }
        let count = ((last - first) / step + 1e-6).rounded(.down) + 1
        guard count <= Double(maximumYears) else { return nil }
        return (0..<Int(count)).map { first + Double($0) * step }
    }

    /// A timeline over `years`.
    /// - Precondition: between 1 and ``maximumYears`` years, increasing.
    public init(years: [Double]) {
        precondition((1...Self.maximumYears).contains(years.count) && zip(years, years.dropFirst()).allSatisfy(<))
        self.years = years
    }

    /// A year as a prior value: `2030`, or `2030.5`.
    public static func text(of year: Double) -> String {
        year == year.rounded() && abs(year) < 1e15 ? String(Int(year)) : "\(year)"
    }

    /// The sweep the timeline runs: `year` set to each year.
    public var sweep: Sweep { Sweep(axes: [Sweep.Axis(input: .year, values: years.map(Self.text))]) }

    /// One simulation per year, with the same options (so the same seed and draws).
    /// - Throws: ``PriorError`` from any year's run.
    public func run(_ prior: Prior, options: SimulationOptions) throws(PriorError) -> [SimulationResult] {
        try sweep.run(prior, options: options)
    }

    /// When a threshold's probability passes one half.
    public struct Crossing: Sendable, Equatable {
        public let threshold: Threshold
        /// The first year whose estimate is above 1/2; nil if none is.
        public let first: Double?
        /// The years whose 95% interval holds 1/2: the estimate there could be on either side.
        public let undecided: [Double]
    }

    /// Each threshold's crossing of 1/2 across `results`, one per year.
    /// - Precondition: one result per year, each with the same thresholds.
    public func crossings(_ results: [SimulationResult]) -> [Crossing] {
        precondition(results.count == years.count)
        return results[0].exceedances.indices.map { t in
            let estimates = results.map { $0.exceedances[t] }
            return Crossing(
                threshold: estimates[0].threshold,
                first: zip(years, estimates).first { $1.probability > 0.5 }?.0,
                undecided: zip(years, estimates).filter { _, e in
                    (e.interval.lower ?? 0) <= 0.5 && 0.5 <= (e.interval.upper ?? 1)
                }.map(\.0))
        }
    }
}
