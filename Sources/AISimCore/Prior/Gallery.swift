import Foundation

/// The priors of distributions/, compiled in so that `--prior NAME` finds them from any
/// directory, as the default prior is (`Gallery+Files.swift`, written by `.ci/embed-gallery`;
/// a test keeps the copies identical to the files).
public enum Gallery {
    /// The prior aisim uses without `--prior`.
    public static let defaultName = "finnveden-2023"

    /// Every gallery prior's name, as `--prior` takes it: its file name without `.toml`.
    public static var names: [String] { files.map(\.name) }

    /// The file text of the gallery prior `name` (with or without `.toml`), or nil.
    public static func text(of name: String) -> String? {
        let bare = name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
        return files.first { $0.name == bare }?.text
    }

    /// The name a gallery prior is reported under: `embedded:NAME.toml`.
    public static func source(of name: String) -> String {
        "embedded:\(name.hasSuffix(".toml") ? String(name.dropLast(5)) : name).toml"
    }

    /// The gallery prior `name`, parsed, or nil when there is none of that name.
    public static func load(_ name: String) throws(PriorError) -> Prior? {
        guard let text = text(of: name) else { return nil }
        return try Prior.parse(text, source: source(of: name))
    }

    /// The prior file at `path`, or, when no file is there, the gallery prior of that name.
    /// - Throws: ``PriorError`` for a file that cannot be read or parsed; when there is
    ///   neither file nor gallery prior, the error lists the gallery's names.
    public static func load(fileOrName path: String) throws(PriorError) -> Prior {
        do {
            return try Prior.load(path: path)
        } catch {
            var info = stat()
            guard !path.contains("/"), stat(path, &info) != 0, errno == ENOENT else { throw error }
            if let prior = try load(path) { return prior }
            throw PriorError(
                file: path,
                message:
                    "\(error.message); it is not a built-in prior either (those are \(names.joined(separator: ", ")); aisim check --list describes them)"
            )
        }
    }
}
