/// The prior `aisim` uses without `--prior`: the gallery's copy of
/// `distributions/finnveden-2023.toml`, compiled in so the binary works from any directory.
public enum EmbeddedPrior {
    /// The name the copy is reported under, `embedded:finnveden-2023.toml`.
    public static let source = Gallery.source(of: Gallery.defaultName)

    /// The file's text, byte for byte.
    public static var text: String { Gallery.text(of: Gallery.defaultName)! }

    /// The parsed prior.
    public static func load() throws(PriorError) -> Prior {
        try Prior.parse(text, source: source)
    }
}
