/// What to add to ArgumentParser's "unexpected argument" errors when the cause is a common
/// slip: a prior file given without `--prior`, or a distribution with spaces left unquoted
/// after `--set` or `--vary`.
enum ArgumentHints {
    /// The hint for `message`, the parse error of `arguments`, or nil when none applies.
    static func hint(for arguments: [String], message: String) -> String? {
        guard message.hasPrefix("Unexpected argument") || message.contains("unexpected arguments") else { return nil }
        let unexpected = message.matches(of: /'([^']*)'/).map { String($0.1) }
        for (i, argument) in arguments.enumerated()
        where ["--set", "--vary"].contains(argument) && i + 2 < arguments.count {
            let rest = arguments[(i + 2)...].prefix { !$0.hasPrefix("-") }
            if !rest.isEmpty && rest.allSatisfy(unexpected.contains) {
                let whole = ([arguments[i + 1]] + rest).joined(separator: " ")
                return "; a value with spaces needs quotes: \(argument) '\(whole)'"
            }
        }
        if let file = unexpected.first(where: { $0.hasSuffix(".toml") }) {
            let command = AISim.configuration.subcommands.map { $0._commandName }.first { $0 == arguments.first }
            return "; give a prior file with --prior: aisim \(command.map { $0 + " " } ?? "")--prior \(file)"
        }
        return nil
    }
}
