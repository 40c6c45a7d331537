/// Places labels beside their anchors along a horizontal axis, in rows, so that no two
/// overlap, none leaves its bounds, and each is joined to its anchor by a vertical leader
/// that crosses no other label.
///
/// Rows count outward from the axis: row 0 is nearest, and a label in row r has a leader at
/// its anchor through rows 0 to r − 1 (the SVG extends the marker's dashed line, the
/// terminal draws `│`). A label faces right (its box starts `inset` after the anchor) unless
/// it would then leave the bounds, or it and a left-facing label would cover each other's
/// leaders; then it faces left (its box ends `inset` before the anchor), where that fits.
/// A label whose box covers another's leader must lie beyond that label's row, so labels
/// are placed in an order that puts every label after those whose leaders it covers, the
/// rightmost first where there is a choice; each goes into the nearest row where its box
/// clears by `gap` every box there and every leader passing through, and where its own
/// leader clears every box in the rows it passes. A row beyond all others always qualifies,
/// so no label is ever dropped.
///
/// Anchors must be distinct by more than a leader's width (``MarkerLabel/merged(_:within:)``
/// merges those that are not). A label that fits the bounds facing neither way is shifted
/// into them (or, wider than the bounds, starts at the lower bound, the only case where it
/// leaves them). Only where two labels, unable to face the same way, cover each other's
/// leaders can one of those leaders cross a label, and then neither label overlaps another.
///
/// Complexity: O(n³) for n labels (a handful of markers).
public struct LabelLayout: Sendable {
    /// A label's place: its row, and its box's left edge and width along the axis.
    public struct Placement: Sendable, Equatable {
        public let row: Int
        public let start: Double
        public let width: Double
        /// Whether the box ends at the anchor (it faces left) rather than starting there.
        public let facesLeft: Bool
        public var end: Double { start + width }
    }

    /// The interval every box must stay within.
    public let bounds: ClosedRange<Double>
    /// From the anchor to the box's near edge (negative when the box begins under the anchor,
    /// as the terminal's `▲ p50 …` does).
    public let inset: Double
    /// Half the width a leader takes up, each side of its anchor, kept clear of other boxes.
    public let leaderHalfWidth: Double
    /// The least space between two boxes in a row.
    public let gap: Double

    public init(bounds: ClosedRange<Double>, inset: Double, leaderHalfWidth: Double, gap: Double) {
        self.bounds = bounds
        self.inset = inset
        self.leaderHalfWidth = leaderHalfWidth
        self.gap = gap
    }

    /// The placements of labels with these anchors and widths, in the order given.
    public func place(_ labels: [(anchor: Double, width: Double)]) -> [Placement] {
        let boxes = self.boxes(labels)
        // Whether i's box covers j's leader, so that i must lie beyond j's row.
        func covers(_ i: Int, _ j: Int) -> Bool { i != j && overlapsLeader(boxes[i].box, of: labels[j].anchor) }
        var unplaced = Set(labels.indices)
        var placed: [Int: Placement] = [:]
        while !unplaced.isEmpty {
            // The rightmost label covering no unplaced leader (one in a cycle if none does).
            let ready = unplaced.filter { i in !unplaced.contains { covers(i, $0) } }
            let i = (ready.isEmpty ? unplaced : ready).max { labels[$0].anchor < labels[$1].anchor }!
            unplaced.remove(i)
            let box = boxes[i].box
            let row =
                (0...placed.count).first { row in
                    placed.allSatisfy { j, other in
                        let theirs = other.start...other.end
                        let apart = other.row != row || !Self.overlap(box, theirs, by: gap)
                        let clearOfTheirLeader = other.row <= row || !overlapsLeader(box, of: labels[j].anchor)
                        let clearOfOurLeader = other.row >= row || !overlapsLeader(theirs, of: labels[i].anchor)
                        return apart && clearOfTheirLeader && clearOfOurLeader
                    }
                } ?? placed.count
            placed[i] = Placement(
                row: row, start: box.lowerBound, width: labels[i].width, facesLeft: boxes[i].facesLeft)
        }
        return labels.indices.map { placed[$0]! }
    }

    /// Each label's box and which way it faces, deciding from the rightmost anchor leftward:
    /// left when facing right would leave the bounds, or would make it and a left-facing
    /// label to its right cover each other's leaders, and facing left fits.
    func boxes(_ labels: [(anchor: Double, width: Double)]) -> [(box: ClosedRange<Double>, facesLeft: Bool)] {
        var result = labels.map { label in
            let start = min(label.anchor + inset, bounds.upperBound - label.width)
            return (
                box: max(start, bounds.lowerBound)...(max(start, bounds.lowerBound) + label.width), facesLeft: false
            )
        }
        for i in labels.indices.sorted(by: { labels[$0].anchor > labels[$1].anchor }) {
            let (anchor, width) = labels[i]
            let left = (anchor - inset - width)...(anchor - inset)
            guard left.lowerBound >= bounds.lowerBound else { continue }
            let right = (anchor + inset)...(anchor + inset + width)
            let mutual = labels.indices.contains { j in
                result[j].facesLeft && overlapsLeader(right, of: labels[j].anchor)
                    && overlapsLeader(result[j].box, of: anchor)
            }
            if right.upperBound > bounds.upperBound || mutual { result[i] = (left, true) }
        }
        return result
    }

    /// Whether `box` comes within the leader at `anchor`.
    func overlapsLeader(_ box: ClosedRange<Double>, of anchor: Double) -> Bool {
        Self.overlap(box, (anchor - leaderHalfWidth)...(anchor + leaderHalfWidth), by: 0)
    }

    /// Whether `a` and `b` are less than `gap` apart (overlapping, for a gap of 0; touching
    /// is not overlapping).
    static func overlap(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>, by gap: Double) -> Bool {
        a.lowerBound < b.upperBound + gap && b.lowerBound < a.upperBound + gap
    }
}
