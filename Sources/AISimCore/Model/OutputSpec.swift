/// What the model knows about one output: its name, its unit, what it means, whether the
/// table shows it when the user does not pick outputs, and the inputs without which it is not
/// reported at all.
public struct OutputSpec: Sendable {
    public let name: String
    public let unit: String
    public let meaning: String
    public let inTable: Bool
    /// The output is reported (table, CSV, JSON) only when the prior sets one of these inputs;
    /// empty for outputs that are always reported.
    public let shownWhenSet: [Input]

    init(_ name: String, _ unit: String, _ meaning: String, inTable: Bool = true, shownWhenSet: [Input] = []) {
        self.name = name
        self.unit = unit
        self.meaning = meaning
        self.inTable = inTable
        self.shownWhenSet = shownWhenSet
    }
}
