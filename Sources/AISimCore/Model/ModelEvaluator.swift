import Foundation

/// Runs ``Model/steps`` over blocks of trials, column by column, and in log space for any
/// trial whose direct arithmetic left the range of `Double` although its result need not.
///
/// Each step is a few passes over the block (copy the first factor, multiply by each of the
/// others, divide by the denominator's product, take the square root), each reading one or two
/// columns and writing one, so every pass vectorizes. The passes do exactly the operations the
/// formula's text shows, left to right, so the results are bit for bit what a hand-written
/// loop of the same formula gives.
///
/// A product can overflow on its way to a result that fits: precision_speedup = 1e288 times
/// F = 1e21 is beyond `Double` although P = 3.08e295 is not. After the passes, any trial with
/// a result that is not a positive finite number is evaluated again from the logarithms of its
/// inputs (log y = Σ log(numerator) − Σ log(denominator), halved for a square root), and each
/// such result is replaced by exp(log y): a real overflow stays infinite (and the run reports
/// it), a spurious one is gone. Trials that did not overflow keep their direct results.
///
/// An input that holds one value for the whole run (a point input, or a product member's 1)
/// is read as that number rather than as its column, and a factor of 1 is left out: x · 1 = x
/// and x / 1 = x exactly, and IEEE multiplication is commutative, so the results keep every
/// bit while the passes over a column of 1s, and the copies before a first multiplication, are gone.
///
/// - Complexity: O(steps × count) per block, with no allocation after `init`.
public final class ModelEvaluator: @unchecked Sendable {
    private enum Operand: Equatable {
        case column(Int)
        case power(base: Int, exponent: Int, negated: Bool)
        case constant(Double)
    }

    /// How a compiled step combines its two lists of operands.
    private enum Combination: Equatable {
        /// ∏ numerator / ∏ denominator, or its square root.
        case product(squareRoot: Bool)
        /// numerator[0] − denominator[0].
        case difference
        /// max(∏ numerator, ∏ denominator).
        case maximum
    }

    private struct Compiled {
        let result: Int
        let numerator: [Operand]
        let denominator: [Operand]
        let combination: Combination
    }

    private let steps: [Compiled]
    /// Column indices of every step's result: the columns the log-space pass checks.
    private let results: [Int]
    private let blockSize: Int
    /// One column per ``Term``, then the denominator's scratch column.
    private let scratch: UnsafeMutablePointer<Double>

    private static let inputCount = Input.allCases.count, outputCount = Output.allCases.count
    private static let columnCount = inputCount + outputCount + Term.allCases.count

    /// The index of `quantity` in the evaluator's table of columns.
    private static func index(_ quantity: Quantity) -> Int {
        switch quantity {
        case .input(let input): input.rawValue
        case .output(let output): inputCount + output.rawValue
        case .term(let term): inputCount + outputCount + term.rawValue
        }
    }

    /// An evaluator for blocks of up to `blockSize` trials under `configuration`, whose input
    /// columns hold `constants` (input and value) in every trial of every block. A constant
    /// for an input that a step computes (a derived serial speed) is ignored.
    public init(configuration: Model.Configuration, blockSize: Int, constants: [(Input, Double)] = []) {
        let steps = Model.steps(for: configuration)
        let computed = Set(steps.map(\.result))
        let fixed = Dictionary(
            constants.filter { !computed.contains(.input($0.0)) }, uniquingKeysWith: { first, _ in first })
        func operand(_ factor: Factor) -> Operand {
            if case .quantity(.input(let input)) = factor, let value = fixed[input] { return .constant(value) }
            return switch factor {
            case .quantity(let quantity): .column(Self.index(quantity))
            case .power(let base, let exponent, let negated):
                .power(base: Self.index(base), exponent: Self.index(exponent), negated: negated)
            case .constant(let value, _, _): .constant(value)
            }
        }
        /// A product's factors without its 1s (none for a product of 1s).
        func factors(_ list: [Factor]) -> [Operand] { list.map(operand).filter { $0 != .constant(1) } }
        /// The same, as a first operand: the constant 1 when nothing else is left.
        func product(_ list: [Factor]) -> [Operand] {
            let operands = factors(list)
            return operands.isEmpty ? [.constant(1)] : operands
        }
        let one = { (result: Int) in
            Compiled(
                result: result, numerator: [.constant(1)], denominator: [], combination: .product(squareRoot: false))
        }
        // An output no step of the configuration computes (run_flops without deploy_share)
        // is unreported: it holds 1 like the others.
        let uncomputed = Output.allCases.filter { output in !steps.contains { $0.result == .output(output) } }
        self.steps =
            uncomputed.map { one(Self.index(.output($0))) }
            + steps.map { step in
                let result = Self.index(step.result)
                if case .output(let output) = step.result, configuration.unreported.contains(output) {
                    return one(result)
                }
                switch step.formula {
                case .product(let numerator, let denominator, let squareRoot):
                    return Compiled(
                        result: result, numerator: product(numerator), denominator: factors(denominator),
                        combination: .product(squareRoot: squareRoot))
                case .difference(let a, let b):
                    return Compiled(
                        result: result, numerator: [.column(Self.index(a))], denominator: [.column(Self.index(b))],
                        combination: .difference)
                case .maximum(let left, let right):
                    return Compiled(
                        result: result, numerator: product(left), denominator: product(right), combination: .maximum)
                }
            }
        results = steps.compactMap { step in
            if case .term = step.result { return nil }
            return Self.index(step.result)
        }
        self.blockSize = blockSize
        scratch = .allocate(capacity: (Term.allCases.count + 1) * blockSize)
        scratch.initialize(repeating: 0, count: (Term.allCases.count + 1) * blockSize)
    }

    /// An evaluator for `sampler`'s blocks: its prior's configuration, and the columns its plan
    /// holds constant.
    convenience init(for sampler: InputSampler, blockSize: Int) {
        self.init(
            configuration: Model.Configuration(sampler.prior), blockSize: blockSize, constants: sampler.plan.constants)
    }

    deinit {
        scratch.deallocate()
    }

    /// Evaluates `count` trials: `x` holds one column per input (a derived serial speed is
    /// written into its column), `y` receives one column per output.
    /// - Precondition: `count` ≤ the block size.
    public func evaluate(_ x: InputColumns, into y: OutputColumns, count: Int) {
        precondition(count <= blockSize)
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>.self, capacity: Self.columnCount) { columns in
            for input in Input.allCases { columns[input.rawValue] = x[input] }
            for output in Output.allCases { columns[Self.inputCount + output.rawValue] = y[output] }
            for term in Term.allCases {
                columns[Self.inputCount + Self.outputCount + term.rawValue] = scratch + term.rawValue * blockSize
            }
            let denominator = scratch + Term.allCases.count * blockSize
            for step in steps { run(step, columns, denominator, count) }
            guard results.contains(where: { !Self.allValid(columns[$0], count) }) else { return }
            for i in 0..<count where results.contains(where: { !Self.isValid(columns[$0][i]) }) {
                repair(trial: i, columns)
            }
        }
    }

    private static func isValid(_ x: Double) -> Bool { x > 0 && x < .infinity }

    /// Whether every one of `count` values is a positive finite number, as far as one
    /// vectorized pass can tell: the smallest is positive and the sum finite (a NaN or an
    /// infinity makes the sum NaN or infinite). A sum that overflows from huge finite values
    /// answers false too, which only costs a look at each trial.
    private static func allValid(_ values: UnsafeMutablePointer<Double>, _ count: Int) -> Bool {
        var sums = SIMD4<Double>()
        var lows = SIMD4<Double>(repeating: .infinity)
        var i = 0
        while i + 4 <= count {
            let v = SIMD4(values[i], values[i + 1], values[i + 2], values[i + 3])
            sums += v
            lows.replace(with: v, where: v .< lows)
            i += 4
        }
        var sum = sums.sum()
        var low = lows.min()
        while i < count {
            sum += values[i]
            low = Swift.min(low, values[i])
            i += 1
        }
        return low > 0 && sum.isFinite
    }

    /// One step's passes over the block.
    private func run(
        _ step: Compiled, _ columns: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>,
        _ denominator: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        let out = columns[step.result]
        Self.product(step.numerator, columns, into: out, count)
        guard case .product(let squareRoot) = step.combination else {
            Self.product(step.denominator, columns, into: denominator, count)
            if step.combination == .difference {
                for i in 0..<count { out[i] = out[i] - denominator[i] }
                return
            }
            for i in 0..<count { out[i] = Swift.max(out[i], denominator[i]) }
            return
        }
        if let first = step.denominator.first {
            if step.denominator.count == 1, case .column(let d) = first {
                let divisor = columns[d]
                for i in 0..<count { out[i] = out[i] / divisor[i] }
            } else {
                Self.product(step.denominator, columns, into: denominator, count)
                for i in 0..<count { out[i] = out[i] / denominator[i] }
            }
        }
        if squareRoot {
            for i in 0..<count { out[i] = out[i].squareRoot() }
        }
    }

    /// out = factors[0] · factors[1] · …, left to right; the first two in one pass when
    /// neither is a power.
    private static func product(
        _ factors: [Operand], _ columns: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>,
        into out: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        var rest = factors.dropFirst()
        switch (factors[0], factors.dropFirst().first) {
        case (.column(let a), .column(let b)?):
            let a = columns[a]
            let b = columns[b]
            for i in 0..<count { out[i] = a[i] * b[i] }
            rest = rest.dropFirst()
        case (.column(let a), .constant(let value)?), (.constant(let value), .column(let a)?):
            let a = columns[a]
            for i in 0..<count { out[i] = a[i] * value }
            rest = rest.dropFirst()
        default:
            store(factors[0], columns, into: out, count)
        }
        for factor in rest { multiply(out, by: factor, columns, count) }
    }

    private static func store(
        _ operand: Operand, _ columns: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>,
        into out: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        switch operand {
        case .column(let c):
            let a = columns[c]
            for i in 0..<count { out[i] = a[i] }
        case .power(let b, let e, let negated):
            power(columns[b], columns[e], negated: negated, into: out, count)
        case .constant(let value):
            for i in 0..<count { out[i] = value }
        }
    }

    /// out[i] = base[i] ^ ±exponent[i], through ``ColumnMath/pow(_:_:into:count:)``.
    private static func power(
        _ base: UnsafeMutablePointer<Double>, _ exponent: UnsafeMutablePointer<Double>, negated: Bool,
        into out: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        if negated {
            for i in 0..<count { out[i] = -exponent[i] }
            ColumnMath.pow(base, out, into: out, count: count)
        } else {
            ColumnMath.pow(base, exponent, into: out, count: count)
        }
    }

    private static func multiply(
        _ out: UnsafeMutablePointer<Double>, by operand: Operand,
        _ columns: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>, _ count: Int
    ) {
        switch operand {
        case .column(let c):
            let a = columns[c]
            for i in 0..<count { out[i] = out[i] * a[i] }
        case .power(let b, let e, let negated):
            // In pieces small enough for the stack: each element's power is the same wherever it sits.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 128) { factor in
                let f = factor.baseAddress!
                for start in Swift.stride(from: 0, to: count, by: 128) {
                    let n = min(128, count - start)
                    power(columns[b] + start, columns[e] + start, negated: negated, into: f, n)
                    for i in 0..<n { out[start + i] = out[start + i] * f[i] }
                }
            }
        case .constant(let value):
            for i in 0..<count { out[i] = out[i] * value }
        }
    }

    /// Evaluates trial `i` again in log space and replaces each result that left the range
    /// of positive finite numbers with exp of its logarithm.
    private func repair(trial i: Int, _ columns: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.columnCount) { logs in
            for c in 0..<Self.inputCount { logs[c] = log(columns[c][i]) }
            func logValue(_ operand: Operand) -> Double {
                switch operand {
                case .column(let c): logs[c]
                case .power(let b, let e, let negated): (negated ? -columns[e][i] : columns[e][i]) * logs[b]
                case .constant(let value): log(value)
                }
            }
            for step in steps {
                let top = step.numerator.reduce(0) { $0 + logValue($1) }
                let bottom = step.denominator.reduce(0) { $0 + logValue($1) }
                var value: Double
                switch step.combination {
                case .product(let squareRoot): value = squareRoot ? (top - bottom) / 2 : top - bottom
                // A difference (the years since the base year) is read raw, as an exponent,
                // never through its logarithm.
                case .difference: continue
                case .maximum: value = Swift.max(top, bottom)
                }
                // A derived serial speed overwrites its input's column: its log is the step's.
                logs[step.result] = value
                if !Self.isValid(columns[step.result][i]) { columns[step.result][i] = exp(value) }
            }
        }
    }
}
