/// What a plot of one output draws over its log x axis.
public enum PlotKind: String, Sendable, CaseIterable {
    /// The density: share of trials per decade of x.
    case histogram
    /// The exceedance curve P(output ≥ x) (the complementary CDF), from 1 down to 0, with the
    /// run's `--exceed` thresholds of the output marked at their exact probabilities.
    case exceedance
}
