import CGSL

/// The uniform points of one replicate of a Latin hypercube or Sobol design, handed out a
/// block at a time: one column per dimension, every value strictly inside (0, 1).
///
/// Every dimension belongs to one input and draws its randomness from that input's stream
/// (``ChunkStreams``), so an input's points do not depend on which other inputs are uncertain.
///
/// - Latin hypercube: for each dimension a random permutation π of the replicate's n strata
///   (`gsl_ran_shuffle`); point i is (π(i) + U) / n with U from `gsl_rng_uniform_pos`, so each
///   dimension has exactly one point in each stratum [k/n, (k+1)/n).
/// - Sobol: GSL's Sobol sequence (`gsl_qrng_sobol`) in one dimension per input of the model,
///   an input always taking the dimension of its place in the model, each shifted mod 1 by a
///   uniform drawn once per replicate from the input's stream (a Cranley-Patterson rotation),
///   which makes each replicate an unbiased estimate while keeping the sequence's even spread.
///   The sequence's all-zero point, which would map to −∞, never appears: GSL starts at the
///   second point, (½, …, ½), so nothing needs skipping (the tests check this). GSL's Sobol
///   sequence has at most 40 dimensions.
///
/// A design owns its GSL objects and frees them.
final class StratifiedDesign {
    let dimensions: Int
    private let method: SamplingMethod
    /// The input behind each dimension.
    private let inputs: [Input]
    private let streams: ChunkStreams
    private let points: Int
    private var cursor = 0
    private var permutations: [[UInt32]] = []
    private var sobol: OpaquePointer?
    private var shift: [Double] = []

    /// The largest number of dimensions a Sobol design supports.
    static let maximumSobolDimensions = 40

    /// A replicate of `points` points, one dimension per input of `inputs`, each drawing its
    /// randomness from that input's stream in `streams`.
    init(method: SamplingMethod, inputs: [Input], points: Int, streams: ChunkStreams) {
        precondition(method != .random)
        self.method = method
        self.inputs = inputs
        dimensions = inputs.count
        self.points = points
        self.streams = streams
        guard dimensions > 0 else { return }
        switch method {
        case .lhs:
            permutations = inputs.map { input in
                var strata = (0..<UInt32(points)).map { $0 }
                strata.withUnsafeMutableBytes {
                    gsl_ran_shuffle(streams[input].rng, $0.baseAddress, points, MemoryLayout<UInt32>.stride)
                }
                return strata
            }
        case .sobol:
            precondition(Input.allCases.count <= Self.maximumSobolDimensions)
            sobol = OpaquePointer(gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(Input.allCases.count)))
            shift = inputs.map { gsl_rng_uniform(streams[$0].rng) }
        case .random:
            break
        }
    }

    deinit {
        if let sobol { gsl_qrng_free(UnsafeMutablePointer(sobol)) }
    }

    /// The next `count` points: column k at `columns + k * stride`.
    func next(count: Int, into columns: UnsafeMutablePointer<Double>, stride: Int) {
        precondition(cursor + count <= points)
        defer { cursor += count }
        guard dimensions > 0 else { return }
        switch method {
        case .lhs:
            let n = Double(points)
            for k in 0..<dimensions {
                let column = columns + k * stride
                let rng = streams[inputs[k]].rng
                permutations[k].withUnsafeBufferPointer { strata in
                    for i in 0..<count {
                        column[i] = (Double(strata[cursor + i]) + gsl_rng_uniform_pos(rng)) / n
                    }
                }
            }
        case .sobol:
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Input.allCases.count) { point in
                for i in 0..<count {
                    gsl_qrng_get(UnsafeMutablePointer(sobol), point.baseAddress)
                    for k in 0..<dimensions {
                        var u = point[inputs[k].rawValue] + shift[k]
                        if u >= 1 { u -= 1 }
                        // A point shifted onto 0 exactly takes the middle of the smallest cell.
                        columns[k * stride + i] = u > 0 ? u : 0x1p-33
                    }
                }
            }
        case .random:
            break
        }
    }
}
