/// The layout of a samples file, chosen by its extension.
public enum SampleFormat: String, Sendable, CaseIterable {
    /// A NumPy structured array: one little-endian float64 field per column (``NPYHeader``).
    case npy
    /// Comma-separated text with a header row, each value in the shortest form that reads
    /// back as the same double.
    case csv

    /// The format `path` names by its extension (any case), or nil for any other name.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// Where the provenance of the samples at `path` goes: the same name with `.json` in
    /// place of its extension.
    public static func provenancePath(for path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + ".json" }
        return path[..<dot] + ".json"
    }

    /// The bytes a file of `rows` rows of `columns` takes: exactly, for `.npy`; at most, for
    /// `.csv`, whose values take between 1 and ``longestValue`` characters.
    public func bytes(rows: Int, columns: [String]) -> Int {
        let (header, perRow) =
            switch self {
            case .npy: (NPYHeader(fields: columns, rows: rows).bytes.count, columns.count * 8)
            case .csv: (columns.map(\.utf8.count).reduce(0, +) + columns.count, columns.count * (Self.longestValue + 1))
            }
        let (product, overflow) = rows.multipliedReportingOverflow(by: perRow)
        return overflow || product > .max - header ? .max : header + product
    }

    /// The longest shortest round-trip form of a double, as in -2.2250738585072014e-308.
    static let longestValue = 24
}
