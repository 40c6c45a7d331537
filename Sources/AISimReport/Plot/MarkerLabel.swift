/// The label of one or more markers on a plot's axis: its text, and the anchor its leader
/// starts from.
struct MarkerLabel: Sendable, Equatable {
    let text: String
    let anchor: Double
    /// The markers it labels: their indices in the list given to ``merged(_:within:)``.
    let members: [Int]

    /// One label per run of markers whose anchors lie within `tolerance` of the one before
    /// (a leader's width: the layout needs its anchors apart), in order along the axis. A run's
    /// anchor is its first's; its text lists the markers' names with their value once when
    /// all show the same (`p5, p50, p95 1.00e8`), and each name with its value otherwise.
    /// Complexity: O(n log n) for n markers.
    static func merged(_ markers: [(name: String, value: String, anchor: Double)], within tolerance: Double)
        -> [MarkerLabel]
    {
        var runs: [[Int]] = []
        for i in markers.indices.sorted(by: { markers[$0].anchor < markers[$1].anchor }) {
            if let last = runs.last?.last, markers[i].anchor - markers[last].anchor <= tolerance {
                runs[runs.count - 1].append(i)
            } else {
                runs.append([i])
            }
        }
        return runs.map { run in
            let values = Set(run.map { markers[$0].value })
            let text =
                values.count == 1
                ? run.map { markers[$0].name }.joined(separator: ", ") + " " + markers[run[0]].value
                : run.map { "\(markers[$0].name) \(markers[$0].value)" }.joined(separator: ", ")
            return MarkerLabel(text: text, anchor: markers[run[0]].anchor, members: run)
        }
    }
}
