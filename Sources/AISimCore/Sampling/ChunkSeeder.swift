/// Derives one generator seed per chunk of trials from the user's seed.
///
/// The user's 64-bit seed goes through SplitMix64, a good 64-bit mixer, to give a 32-bit key.
/// Chunk `c` then gets `fmix32(key + c)`, MurmurHash3's finaliser. Because GSL uses only 32
/// bits of a seed, a 32-bit hash per chunk would let two chunks of a long run share a stream
/// (a 1 % chance at ten thousand chunks); `fmix32` is a bijection on 32-bit words, so chunks
/// `0 ..< 2^32` of one run always get distinct seeds, and neighbouring chunks get seeds that
/// differ in about half their bits.
///
/// The seeds depend on the seed and the chunk index only, never on the thread count, so one
/// seed gives identical numbers on any number of threads.
public struct ChunkSeeder: Sendable, Hashable {
    public let key: UInt32

    /// Seeds for `seed`'s main stream (0), or for a separate stream of the same seed (such as
    /// the one sensitivity analysis draws its extra numbers from), which never shifts the
    /// main one.
    public init(seed: UInt64, stream: UInt64 = 0) {
        let streamKey = stream == 0 ? 0 : Self.splitMix64(stream &* 0xA076_1D64_78BD_642F)
        let mixed = Self.splitMix64(seed ^ streamKey)
        key = UInt32(truncatingIfNeeded: mixed ^ (mixed >> 32))
    }

    /// The GSL seed for chunk `chunk`.
    public func seed(forChunk chunk: Int) -> UInt32 {
        Self.fmix32(key &+ UInt32(truncatingIfNeeded: chunk))
    }

    /// SplitMix64's output function applied to `x` advanced by one step (Steele, Lea, Flood 2014).
    static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// MurmurHash3's 32-bit finaliser: a bijection with full avalanche.
    static func fmix32(_ x: UInt32) -> UInt32 {
        var h = x
        h ^= h >> 16
        h &*= 0x85EB_CA6B
        h ^= h >> 13
        h &*= 0xC2B2_AE35
        h ^= h >> 16
        return h
    }
}
