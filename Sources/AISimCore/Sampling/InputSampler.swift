import CGSL
import Foundation

/// Draws a prior's inputs, a block of trials at a time, into one column per input, following
/// the prior's ``SamplingPlan``; counts the samples that fall outside their input's domain.
///
/// Constant columns (point inputs, and the 1s of product units) are filled once, here.
/// A sampler is not thread-safe: each thread of a simulation has its own.
public final class InputSampler {
    public let prior: Prior
    public let plan: SamplingPlan
    /// The columns the last ``draw(count:streams:)`` filled.
    public let inputs: InputColumns
    /// With ``init(prior:blockSize:recordingLogarithms:method:)`` set: each uncertain input's
    /// logarithm for the last draw, one per trial, also for inputs drawn as part of a product.
    public let logarithms: InputColumns?
    /// The logarithm of every input drawn as part of a product, as drawn, for the last draw
    /// (nil unless logarithms or product members are kept): a member's column of ``inputs``
    /// holds the product or 1, never the member's own value.
    public let productLogarithms: InputColumns?
    /// Samples outside each input's domain so far, by ``Input`` raw value.
    public private(set) var invalid = [Int](repeating: 0, count: Input.allCases.count)
    private let buffer: UnsafeMutablePointer<Double>
    /// One column for a product member's logarithm when logarithms are not recorded.
    private let scratch: UnsafeMutablePointer<Double>
    private let capacity: Int
    /// Each copula input's ``QuantileTable`` by ``Input`` raw value, nil for the rest and for
    /// the families whose exact mapping is a closed form.
    private let tables: [QuantileTable?]

    /// A sampler for blocks of up to `blockSize` trials; with `recordingLogarithms`, it also
    /// keeps every uncertain input's logarithm, for sensitivity analysis, and with
    /// `keepingProductMembers` those of the inputs drawn as products, whose values a samples
    /// file needs. For Latin hypercube and Sobol designs (`method`), no inputs are drawn as
    /// products.
    public init(
        prior: Prior, blockSize: Int, recordingLogarithms: Bool = false, keepingProductMembers: Bool = false,
        method: SamplingMethod = .random
    ) {
        self.prior = prior
        plan = SamplingPlan(prior, mergingProducts: method == .random)
        capacity = blockSize
        let keepsLogarithms = recordingLogarithms || keepingProductMembers
        let columns = Input.allCases.count * blockSize * (keepsLogarithms ? 2 : 1)
        buffer = .allocate(capacity: columns + blockSize)
        buffer.initialize(repeating: 0, count: columns + blockSize)
        scratch = buffer + columns
        inputs = InputColumns(base: buffer, stride: blockSize)
        productLogarithms =
            keepsLogarithms ? InputColumns(base: buffer + Input.allCases.count * blockSize, stride: blockSize) : nil
        logarithms = recordingLogarithms ? productLogarithms : nil
        var tables = [QuantileTable?](repeating: nil, count: Input.allCases.count)
        for case .copula(let copula, _) in plan.units {
            for input in copula.inputs { tables[input.rawValue] = QuantileTable.shared(for: prior[input].distribution) }
        }
        self.tables = tables
        for (input, value) in plan.constants {
            inputs[input].update(repeating: value, count: blockSize)
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// Draws `count` trials' inputs, each input from its own stream in `streams`, unit by
    /// unit in the plan's order.
    ///
    /// A product unit draws each member's logarithm from that member's stream (a normal for a
    /// lognormal, a uniform for a log-uniform), adds them and takes one exp: the same law as
    /// drawing the members apart, the same draws as a prior where they are apart, and one exp
    /// instead of one per member. With logarithms recorded, each member's is kept as drawn.
    /// - Complexity: O(count × inputs).
    public func draw(count: Int, streams: ChunkStreams) {
        precondition(count <= capacity)
        for unit in plan.units {
            switch unit {
            case .single(let input, let checked):
                let column = inputs[input]
                prior[input].distribution.fill(column, count: count, using: streams[input])
                if checked { invalid[input.rawValue] += Self.countOutside(input.spec.domain, column, count: count) }
                if let logarithms { ColumnMath.log(column, into: logarithms[input], count: count) }
            case .product(let members, let law):
                let column = inputs[members[0]]
                column.update(repeating: 0, count: count)
                for (member, factor) in zip(members, law.factors) {
                    let log = productLogarithms?[member] ?? scratch
                    switch factor {
                    case .gaussian(let mu, let sigma):
                        let rng = streams[member].rng
                        for i in 0..<count { log[i] = mu + gsl_ran_gaussian_ziggurat(rng, sigma) }
                    case .uniform(let range):
                        let rng = streams[member].rng
                        for i in 0..<count { log[i] = gsl_ran_flat(rng, range.lowerBound, range.upperBound) }
                    case .constant(let c):
                        log.update(repeating: c, count: count)
                    }
                    for i in 0..<count { column[i] += log[i] }
                }
                ColumnMath.exp(column, count: count)
            case .copula(let copula, let checked):
                let columns = copula.inputs.map { inputs[$0] }
                for (input, column) in zip(copula.inputs, columns) {
                    let rng = streams[input].rng
                    for i in 0..<count { column[i] = gsl_ran_gaussian_ziggurat(rng, 1) }
                }
                joinAndMap(copula, columns, checked, count: count)
            }
        }
    }

    /// Fills the inputs of `count` trials from a design's uniform points (column k of
    /// `uniforms` at `uniforms + k * stride`, one per ``SamplingPlan/dimensions``, in the
    /// plan's order): each single input at its inverse CDF, each copula input's normal at
    /// Φ⁻¹ of its uniform, joined by the Cholesky factor, then at its marginal.
    public func draw(count: Int, uniforms: UnsafePointer<Double>, stride: Int) {
        precondition(count <= capacity)
        var dimension = 0
        for unit in plan.units {
            switch unit {
            case .single(let input, let checked):
                let column = inputs[input]
                column.update(from: uniforms + dimension * stride, count: count)
                prior[input].distribution.mapUniforms(column, count: count)
                dimension += 1
                if checked { invalid[input.rawValue] += Self.countOutside(input.spec.domain, column, count: count) }
                if let logarithms { ColumnMath.log(column, into: logarithms[input], count: count) }
            case .copula(let copula, let checked):
                let columns = copula.inputs.map { inputs[$0] }
                for (k, column) in columns.enumerated() {
                    let u = uniforms + (dimension + k) * stride
                    for i in 0..<count { column[i] = gsl_cdf_ugaussian_Pinv(u[i]) }
                }
                dimension += columns.count
                joinAndMap(copula, columns, checked, count: count)
            case .product:
                preconditionFailure("designs draw no products")
            }
        }
    }

    /// y = L z in place over the copula's columns of standard normals, then each column at its
    /// marginal (through the input's ``QuantileTable`` where it has one), with the domain checks
    /// and logarithms.
    private func joinAndMap(_ copula: Copula, _ columns: [UnsafeMutablePointer<Double>], _ checked: [Bool], count: Int)
    {
        // y_k needs z_0 ... z_k, so go from the last row up.
        let l = copula.cholesky
        let m = columns.count
        for i in 0..<count {
            for k in Swift.stride(from: m - 1, through: 0, by: -1) {
                var y = 0.0
                for j in 0...k { y += l[k][j] * columns[j][i] }
                columns[k][i] = y
            }
        }
        for (k, input) in copula.inputs.enumerated() {
            if let table = tables[input.rawValue] {
                table.map(columns[k], count: count)
            } else {
                prior[input].distribution.mapStandardNormals(columns[k], count: count)
            }
            if checked[k] { invalid[input.rawValue] += Self.countOutside(input.spec.domain, columns[k], count: count) }
            if let logarithms { ColumnMath.log(columns[k], into: logarithms[input], count: count) }
        }
    }

    private static func countOutside(_ domain: Domain, _ values: UnsafeMutablePointer<Double>, count: Int) -> Int {
        var outside = 0
        switch domain {
        case .positive:
            for i in 0..<count { outside &+= values[i] > 0 && values[i] < .infinity ? 0 : 1 }
        case .unitInterval:
            for i in 0..<count { outside &+= values[i] > 0 && values[i] <= 1 ? 0 : 1 }
        case .finite:
            for i in 0..<count { outside &+= values[i].isFinite ? 0 : 1 }
        }
        return outside
    }
}
