extension Output {
    /// What follows "unknown output" in an error about `name`: the nearest output's name, or
    /// the list of every output.
    public static func unknownHint(for name: String) -> String {
        let names = allCases.map(\.spec.name)
        let hint = Suggestion.didYouMean(name, among: names)
        return hint.isEmpty ? "; the outputs are \(names.joined(separator: ", "))" : hint
    }

    /// The output named `name` in reports and flags.
    public static func named(_ name: String) -> Output? {
        allCases.first { $0.spec.name == name }
    }
}
