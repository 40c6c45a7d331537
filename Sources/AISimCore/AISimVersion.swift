/// aisim's version, reported by `aisim --version` and written into JSON output.
public enum AISimVersion {
    public static let current = "0.1.0"
}
