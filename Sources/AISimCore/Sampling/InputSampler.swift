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
    /// The columns the last ``draw(count:using:)`` filled.
    public let inputs: InputColumns
    /// With ``init(prior:blockSize:recordingLogarithms:)`` set: each uncertain input's
    /// logarithm for the last draw, one per trial, even for inputs drawn only as part of a
    /// product (see ``draw(count:using:detail:)``).
    public let logarithms: InputColumns?
    /// Samples outside each input's domain so far, by ``Input`` raw value.
    public private(set) var invalid = [Int](repeating: 0, count: Input.allCases.count)
    private let buffer: UnsafeMutablePointer<Double>
    private let capacity: Int

    /// A sampler for blocks of up to `blockSize` trials; with `recordingLogarithms`, it also
    /// keeps every uncertain input's logarithm, for sensitivity analysis. For Latin hypercube
    /// and Sobol designs (`method`), no inputs are drawn as products.
    public init(prior: Prior, blockSize: Int, recordingLogarithms: Bool = false, method: SamplingMethod = .random) {
        self.prior = prior
        plan = SamplingPlan(prior, mergingProducts: method == .random)
        capacity = blockSize
        let columns = Input.allCases.count * blockSize * (recordingLogarithms ? 2 : 1)
        buffer = .allocate(capacity: columns)
        buffer.initialize(repeating: 0, count: columns)
        inputs = InputColumns(base: buffer, stride: blockSize)
        logarithms =
            recordingLogarithms ? InputColumns(base: buffer + Input.allCases.count * blockSize, stride: blockSize) : nil
        for (input, value) in plan.constants {
            inputs[input].update(repeating: value, count: blockSize)
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// Draws `count` trials' inputs from `generator`, unit by unit in the plan's order.
    ///
    /// When the sampler records logarithms, the members of a product unit need values of their
    /// own, though the unit draws only their product: each lognormal member's logarithm is
    /// then drawn from its law given the product's (a normal, with the mean and variance that
    /// conditioning a sum of independent normals gives), from `detail`, a second generator,
    /// so that `generator`'s stream, and with it every output, is the same as without
    /// recording.
    /// - Complexity: O(count × inputs).
    public func draw(count: Int, using generator: Generator, detail: Generator? = nil) {
        precondition(count <= capacity)
        for unit in plan.units {
            switch unit {
            case .single(let input, let checked):
                let column = inputs[input]
                prior[input].distribution.fill(column, count: count, using: generator)
                if checked { invalid[input.rawValue] += Self.countOutside(input.spec.domain, column, count: count) }
                if let logarithms { for i in 0..<count { logarithms[input][i] = log(column[i]) } }
            case .product(let members, let law):
                let column = inputs[members[0]]
                if law.sigma > 0 {
                    for i in 0..<count { column[i] = law.mu + gsl_ran_gaussian_ziggurat(generator.rng, law.sigma) }
                } else {
                    column.update(repeating: law.mu, count: count)
                }
                if let logarithms {
                    recordGaussianMembers(members, law, column, count: count, into: logarithms, detail: detail)
                }
                var uniforms = zip(members, law.factors).filter {
                    if case .uniform = $0.1 { return true } else { return false }
                }.makeIterator()
                for range in law.logUniforms {
                    let member = uniforms.next()!.0
                    for i in 0..<count {
                        let u = gsl_ran_flat(generator.rng, range.lowerBound, range.upperBound)
                        column[i] += u
                        logarithms?[member][i] = u
                    }
                }
                for i in 0..<count { column[i] = exp(column[i]) }
            case .copula(let copula, let checked):
                let columns = copula.inputs.map { inputs[$0] }
                for column in columns {
                    for i in 0..<count { column[i] = gsl_ran_gaussian_ziggurat(generator.rng, 1) }
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
                if let logarithms { for i in 0..<count { logarithms[input][i] = log(column[i]) } }
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
    /// marginal, with the domain checks and logarithms.
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
            prior[input].distribution.mapStandardNormals(columns[k], count: count)
            if checked[k] { invalid[input.rawValue] += Self.countOutside(input.spec.domain, columns[k], count: count) }
            if let logarithms { for i in 0..<count { logarithms[input][i] = log(columns[k][i]) } }
        }
    }

    /// Splits the Gaussian part of a product's logarithm, G (in `column`, before the uniform
    /// members are added), among its lognormal members: member after member, Zⱼ given the
    /// rest of G is normal with mean μⱼ + (σⱼ² / V)(G − M) and variance σⱼ²(V − σⱼ²) / V, where
    /// M and V are the mean and variance of the members not yet split off; the last member
    /// takes what is left. A point member's logarithm is its constant.
    private func recordGaussianMembers(
        _ members: [Input], _ law: SamplingPlan.ProductLaw, _ column: UnsafeMutablePointer<Double>,
        count: Int, into logarithms: InputColumns, detail: Generator?
    ) {
        let gaussians = zip(members, law.factors).compactMap { member, factor -> (Input, Double, Double)? in
            if case .gaussian(let mu, let sigma) = factor { return (member, mu, sigma) }
            return nil
        }
        let constants = zip(members, law.factors).reduce(0.0) { total, pair in
            if case .constant(let c) = pair.1 { return total + c }
            return total
        }
        guard !gaussians.isEmpty else { return }
        for i in 0..<count {
            var rest = column[i] - constants
            var mean = gaussians.reduce(0) { $0 + $1.1 }
            var variance = gaussians.reduce(0) { $0 + $1.2 * $1.2 }
            for (index, (member, mu, sigma)) in gaussians.enumerated() {
                if index == gaussians.count - 1 {
                    logarithms[member][i] = rest
                    break
                }
                let share = sigma * sigma / variance
                let spread = (sigma * sigma * (variance - sigma * sigma) / variance).squareRoot()
                let z = mu + share * (rest - mean) + gsl_ran_gaussian_ziggurat(detail!.rng, spread)
                logarithms[member][i] = z
                rest -= z
                mean -= mu
                variance -= sigma * sigma
            }
        }
    }

    private static func countOutside(_ domain: Domain, _ values: UnsafeMutablePointer<Double>, count: Int) -> Int {
        var outside = 0
        switch domain {
        case .positive:
            for i in 0..<count { outside &+= values[i] > 0 && values[i] < .infinity ? 0 : 1 }
        case .unitInterval:
            for i in 0..<count { outside &+= values[i] > 0 && values[i] <= 1 ? 0 : 1 }
        }
        return outside
    }
}
