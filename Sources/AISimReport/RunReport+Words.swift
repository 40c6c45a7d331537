import AISimCore

extension RunReport {
    /// What the run says, in plain words: the median world's parallel tokens/s and streams,
    /// the 90% range of streams, and the Monte Carlo error, for the report's summary.
    public func summaryInWords() -> String {
        let p = Output.parallelTokensPerS
        let s = Output.streams
        var sentences = [
            "In the median simulated world, the compute that trained the model could then run it at \(notation.format(result.percentile(50, of: p))) token-equivalents per second (\(p.spec.name)), which at the serial speed is \(notation.format(result.percentile(50, of: s))) separate streams.",
            "One world in twenty has fewer than \(notation.format(result.percentile(5, of: s))) streams, and one in twenty more than \(notation.format(result.percentile(95, of: s))).",
        ]
        let mean = result[s].mean
        if mean > 1.1 * result.percentile(50, of: s) {
            sentences.append(
                "The mean, \(notation.format(mean)) streams, sits above the median: a long right tail of worlds with far more streams pulls it up."
            )
        }
        if let worst = worstInterval(outputs: [p, s]), worst.halfWidth.isFinite {
            sentences.append(
                "These are estimates from \(NumberFormat.grouped(result.trials)) trials: every percentile of the two is within ±\(Self.percentage(worst.halfWidth)) of what unlimited trials would give (95%), the simulation's own error, not the uncertainty of the prior, which is the spread above."
            )
        }
        return sentences.joined(separator: " ")
    }
}
