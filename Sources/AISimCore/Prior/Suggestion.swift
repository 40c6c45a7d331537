/// "Did you mean" hints for misspelt names, by edit distance.
enum Suggestion {
    /// `"; did you mean \"x\"?"` for the closest of `candidates` within a distance that
    /// still looks like a typo (a third of the name's length, at least 2), or "" for none.
    static func didYouMean(_ name: String, among candidates: [String]) -> String {
        guard let best = nearest(name, among: candidates) else { return "" }
        return "; did you mean \"\(best)\"?"
    }

    /// The candidate nearest to `name`, if one is near enough to be a typo.
    static func nearest(_ name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`.
    /// O(|a| · |b|) time, O(|b|) memory.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
