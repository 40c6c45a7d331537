/// How a run spreads its trials over the inputs' laws.
public enum SamplingMethod: String, Sendable, CaseIterable {
    /// Independent draws from each input's distribution (GSL's samplers).
    case random
    /// Latin hypercube sampling: in every replicate, each input's range of probability is cut
    /// into as many strata as the replicate has trials, and each stratum gets one point.
    case lhs
    /// Randomised quasi-Monte Carlo: GSL's Sobol sequence, shifted (mod 1) by an independent
    /// random vector in each replicate, through each input's inverse CDF.
    case sobol

    /// Independent replicates a Latin hypercube or Sobol run splits its trials into: 16, or
    /// more so that no replicate exceeds 2^20 trials. Their spread gives the confidence
    /// intervals, and each is one chunk of the run.
    public static func replicates(for trials: Int) -> Int {
        min(trials, max(16, (trials + (1 << 20) - 1) >> 20))
    }
}
