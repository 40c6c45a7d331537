/// The trials evaluated together, column by column: 1,024, so that a block of every input
/// and output (about 128 KB) stays in a core's cache while the equations, the moments and
/// the tallies pass over it.
public enum Block {
    /// Trials per block (the last block of a chunk may be shorter).
    public static let size = 1 << 10
}
