/// Derives one generator seed per chunk of trials and input from the user's seed, so that an
/// input's draws depend on the seed, the chunk and the input's name only: common random
/// numbers across priors.
///
/// The user's 64-bit seed goes through SplitMix64, a good 64-bit mixer. Each input's name,
/// hashed with 64-bit FNV-1a (stable across runs and machines, unlike Swift's `Hasher`), is
/// mixed in with SplitMix64 again to give a 32-bit key per input. Chunk `c` of input `i` then
/// gets `fmix32(keyᵢ + c)`, MurmurHash3's finaliser. GSL uses only 32 bits of a seed, so:
///
/// - the keys of the model's inputs are made distinct (a rare collision moves the later key
///   on by a fixed step), and `fmix32` is a bijection, so two inputs never share a stream in
///   one chunk, and one input's chunks `0 ..< 2^32` never share one;
/// - streams of different inputs in different chunks may coincide (they never meet in one trial).
///
/// The seeds depend on the seed, the chunk index and the input's name only, never on the
/// thread count or on which other inputs a prior makes uncertain: one seed gives identical
/// numbers on any number of threads, and an input with the same distribution in two priors
/// gets the same draws in both.
public struct ChunkSeeder: Sendable, Hashable {
    /// One key per input, by ``Input`` raw value.
    public let keys: [UInt32]

    public init(seed: UInt64) {
        let mixedSeed = Self.splitMix64(seed)
        var keys: [UInt32] = []
        for input in Input.allCases {
            let mixed = Self.splitMix64(mixedSeed ^ Self.fnv1a64(input.spec.name))
            var key = UInt32(truncatingIfNeeded: mixed ^ (mixed >> 32))
            while keys.contains(key) { key = Self.fmix32(key &+ 0x9E37_79B9) }
            keys.append(key)
        }
        self.keys = keys
    }

    /// The GSL seed for `input`'s stream in chunk `chunk`.
    public func seed(forChunk chunk: Int, input: Input) -> UInt32 {
        Self.fmix32(keys[input.rawValue] &+ UInt32(truncatingIfNeeded: chunk))
    }

    /// 64-bit FNV-1a of `text`'s UTF-8 bytes (Fowler, Noll and Vo).
    static func fnv1a64(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
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
