import Foundation

extension Prior {
    /// The prior with `assignments` applied in order: each is `NAME=VALUE`, as `--set` takes
    /// it, with VALUE a number or a distribution string, parsed exactly as in a prior file.
    ///
    /// - Throws: ``PriorError`` naming the override, for an assignment without
    ///   `=`, an unknown input (with a suggestion) or a bad value.
    public func setting(_ assignments: [String]) throws(PriorError) -> Prior {
        var entries = self.entries
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw PriorError(
                    override: assignment, message: "not NAME=VALUE, as in horizon=1000 or 'horizon=10 to 1000'")
            }
            let name = assignment[..<equals].trimmingCharacters(in: .whitespaces)
            let value = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw PriorError(
                    override: assignment,
                    message: "the input's name is missing before '='; write NAME=VALUE, as in horizon=1000")
            }
            guard let input = Input.named(name) else {
                throw PriorError(
                    override: assignment, message: "unknown input \"\(name)\"" + Input.unknownHint(for: name))
            }
            do {
                entries[input.rawValue] = try PriorEntry.parse(
                    value, for: input, file: "", line: nil, origin: .commandLine)
            } catch {
                throw PriorError(override: assignment, message: error.message)
            }
        }
        return try replacing(entries)
    }

    /// The assignments, as ``setting(_:)`` takes them, that turn the prior file into this
    /// prior, in input order.
    public var overrides: [String] {
        entries.filter { $0.origin == .commandLine }.map { "\($0.input.spec.name)=\($0.text)" }
    }

    /// Every input's value as resolved, by name: the written text, or the post's value.
    public var resolvedInputs: [String: String] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.input.spec.name, $0.text) })
    }
}
