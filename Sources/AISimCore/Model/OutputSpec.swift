/// What the model knows about one output: its name, its unit, what it means,
/// and whether the table shows it when the user does not pick outputs.
public struct OutputSpec: Sendable {
    public let name: String
    public let unit: String
    public let meaning: String
    public let inTable: Bool

    init(_ name: String, _ unit: String, _ meaning: String, inTable: Bool = true) {
        self.name = name
        self.unit = unit
        self.meaning = meaning
        self.inTable = inTable
    }
}
