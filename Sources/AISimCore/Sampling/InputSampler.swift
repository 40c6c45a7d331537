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
    /// Samples outside each input's domain so far, by ``Input`` raw value.
    public private(set) var invalid = [Int](repeating: 0, count: Input.allCases.count)
    private let buffer: UnsafeMutablePointer<Double>
    private let capacity: Int

    /// A sampler for blocks of up to `blockSize` trials.
    public init(prior: Prior, blockSize: Int) {
        self.prior = prior
        plan = SamplingPlan(prior)
        capacity = blockSize
        buffer = .allocate(capacity: Input.allCases.count * blockSize)
        buffer.initialize(repeating: 0, count: Input.allCases.count * blockSize)
        inputs = InputColumns(base: buffer, stride: blockSize)
        for (input, value) in plan.constants {
            inputs[input].update(repeating: value, count: blockSize)
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// Draws `count` trials' inputs from `generator`, unit by unit in the plan's order.
    /// - Complexity: O(count × inputs).
    public func draw(count: Int, using generator: Generator) {
        precondition(count <= capacity)
        for unit in plan.units {
            switch unit {
            case .single(let input, let checked):
                let column = inputs[input]
                prior[input].distribution.fill(column, count: count, using: generator)
                if checked { invalid[input.rawValue] += Self.countOutside(input.spec.domain, column, count: count) }
            case .product(let members, let law):
                let column = inputs[members[0]]
                if law.sigma > 0 {
                    for i in 0..<count { column[i] = law.mu + gsl_ran_gaussian_ziggurat(generator.rng, law.sigma) }
                } else {
                    column.update(repeating: law.mu, count: count)
                }
                for range in law.logUniforms {
                    for i in 0..<count { column[i] += gsl_ran_flat(generator.rng, range.lowerBound, range.upperBound) }
                }
                for i in 0..<count { column[i] = exp(column[i]) }
            case .copula(let copula, let checked):
                let columns = copula.inputs.map { inputs[$0] }
                for column in columns {
                    for i in 0..<count { column[i] = gsl_ran_gaussian_ziggurat(generator.rng, 1) }
                }
                // y = L z in place: y_k needs z_0 ... z_k, so go from the last row up.
                let l = copula.cholesky, m = columns.count
                for i in 0..<count {
                    for k in stride(from: m - 1, through: 0, by: -1) {
                        var y = 0.0
                        for j in 0...k { y += l[k][j] * columns[j][i] }
                        columns[k][i] = y
                    }
                }
                for (k, input) in copula.inputs.enumerated() {
                    prior[input].distribution.mapStandardNormals(columns[k], count: count)
                    if checked[k] { invalid[input.rawValue] += Self.countOutside(input.spec.domain, columns[k], count: count) }
                }
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
