extension Input {
    /// What follows "unknown input" in an error about `name`: the nearest input's name, or
    /// the list of every input.
    public static func unknownHint(for name: String) -> String {
        let names = allCases.map(\.spec.name)
        let hint = Suggestion.didYouMean(name, among: names)
        return hint.isEmpty ? "; the model's inputs are \(names.joined(separator: ", "))" : hint
    }

    /// The input whose prior-file name is `name`.
    public static func named(_ name: String) -> Input? {
        allCases.first { $0.spec.name == name }
    }
}
