import Foundation

/// Which inputs drive the spread of parallel tokens/s and streams, from a run's own samples.
///
/// Every output is a product of powers of the inputs, so log(output) = c + Σⱼ aⱼ log(xⱼ)
/// exactly, with aⱼ the output's elasticity in input j (``Sensitivity/elasticities(for:prior:)``).
/// Hence Var(log y) = Σⱼ aⱼ² Var(log xⱼ) + Σⱼ≠ₖ aⱼ aₖ Cov(log xⱼ, log xₖ):
///
/// - an input's **share** is aⱼ² Var(log xⱼ) / Var(log y), with both variances taken from the
///   run's samples. For independent inputs the covariances vanish and the shares add up to 1
///   exactly (in the limit; within sampling error in a run). Once inputs are correlated, a
///   share is the part of the variance the input would explain on its own, and the shares
///   leave over (or overshoot by) the correlations' part, which the report gives;
/// - **Spearman**'s rank correlation between the input and the output;
/// - the **tornado swing**: the output's median with the input held at its own 5th and at its
///   95th percentile, the others as sampled. Log-linearity gives each trial's output with the
///   input held at q as log y + aⱼ (log q − log xⱼ), so this needs no second simulation. (With
///   correlated inputs, holding one fixed leaves the others as drawn, not as the correlation
///   would move them.)
///
/// Variances come from every trial; Spearman correlations and tornado medians from the first
/// ``subsetLimit`` trials (or all of them), which the run keeps for the purpose.
public struct Sensitivity: Sendable {
    /// The outputs the analysis covers.
    public static let outputs: [Output] = [.parallelTokensPerS, .streams]
    /// Trials kept for the rank correlations and tornado medians.
    public static let subsetLimit = 1 << 19

    /// One input's part in one output's spread.
    public struct Entry: Sendable {
        public let input: Input
        public let elasticity: Double
        public let share: Double
        public let spearman: Double
        /// The input's own 5th and 95th percentiles, and the output's median with the input
        /// held at each.
        public let inputLow: Double, inputHigh: Double
        public let medianAtLow: Double, medianAtHigh: Double
    }

    /// The analysis of one output.
    public struct Analysis: Sendable {
        public let output: Output
        /// Inputs by descending share.
        public let entries: [Entry]
        public let varianceOfLog: Double
        /// The shares' total, and what the covariances between inputs add (their total plus
        /// this is 1, up to rounding).
        public let sharesTotal: Double
        public let correlationPart: Double
        /// The share of Var(log output) that the inputs' weighted sum cannot explain,
        /// Var(log y − Σⱼ aⱼ tⱼ) / Var(log y) with tⱼ each input's coordinate, when the model is
        /// not log-linear (``Model/Configuration/isLogLinear``: `year` or `deploy_share` set);
        /// nil when it is, and the shares are exact. Then the shares, this and the correlations'
        /// part add up to 1.
        public let nonlinearPart: Double?
        /// The output's median over the kept trials: the tornado's centre.
        public let median: Double
    }

    public let analyses: [Analysis]
    public let subsetTrials: Int
    public let correlated: Bool

    /// The analysis of `output`.
    public subscript(output: Output) -> Analysis { analyses.first { $0.output == output }! }

    /// How the analysis measures `input`: by its logarithm, or, for an input that may be 0 or
    /// negative (a year), by its value.
    public static func byLogarithm(_ input: Input) -> Bool { input.spec.domain != .finite }

    /// d log(output) / d log(input) for every input of `prior` (d log(output) / d input for
    /// one measured by its value, a year): exact constants when the model is a product of
    /// powers, found by scaling each input by e at the post's point. With serial speed derived
    /// from model size, the size exponent enters as a power, so its elasticity depends on the
    /// point: they are taken at the prior's medians. When the model is not log-linear (growth
    /// to a year, or a max with deploy_share), they are local derivatives at the medians, by a
    /// step of 10⁻⁶ in the logarithm (10⁻³ in a year), which is exact within the branch the
    /// medians are on.
    public static func elasticities(for output: Output, prior: Prior) -> [Input: Double] {
        let configuration = Model.Configuration(prior)
        let derived = prior.derivesSerialSpeed
        func evaluate(_ values: [Double]) -> Double {
            Model.evaluate(point: values, configuration: configuration)[output.rawValue]
        }
        guard configuration.isLogLinear else {
            let medians = Input.allCases.map { prior[$0].distribution.quantile(0.5) }
            let y0 = log(evaluate(medians))
            return Dictionary(
                uniqueKeysWithValues: Input.allCases.map { input in
                    var moved = medians
                    let step = byLogarithm(input) ? 1e-6 : 1e-3
                    if byLogarithm(input) { moved[input.rawValue] *= exp(step) } else { moved[input.rawValue] += step }
                    return (input, (log(evaluate(moved)) - y0) / step)
                })
        }
        let base =
            derived ? Input.allCases.map { prior[$0].distribution.quantile(0.5) } : Input.allCases.map(\.spec.postValue)
        let y0 = log(evaluate(base))
        return Dictionary(
            uniqueKeysWithValues: Input.allCases.map { input in
                var scaled = base
                scaled[input.rawValue] *= M_E
                return (input, log(evaluate(scaled)) - y0)
            })
    }
}
