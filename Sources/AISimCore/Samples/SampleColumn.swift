/// One column of a samples file: an uncertain input as drawn, or an output.
public enum SampleColumn: Sendable, Equatable {
    case input(Input)
    case output(Output)

    /// The column's name: the input's or output's name in prior files and reports.
    public var name: String {
        switch self {
        case .input(let input): input.spec.name
        case .output(let output): output.spec.name
        }
    }

    /// The columns a run of `prior` writes: every uncertain input in model order (a fixed
    /// one would be a column of one number, and a derived serial speed is not drawn), then
    /// every output the prior reports.
    public static func columns(of prior: Prior) -> [SampleColumn] {
        let inputs = prior.entries.filter { !$0.distribution.isPoint && !$0.isDerived }.map { Self.input($0.input) }
        return inputs + prior.reportedOutputs.map(Self.output)
    }
}
