/// The post's model: every input, every output and the equations that link them.
///
/// This file is the one place to touch when the model gains an input or an output:
/// add a case to ``Input`` or ``Output``, give it a row in `spec`, and use it in
/// ``Model/evaluate(_:into:count:)``. Prior files, tables, CSV and JSON are generic
/// over these two lists.
///
/// The equations (one trial; MODEL.md):
///
///     F = world_flops · ai_share                                     FLOP/s
///     C = F · training_years · 31 557 600                            FLOP
///     N = √(C / (train_flop_per_param_token · tokens_per_param · H))  parameters
///     D = tokens_per_param · H · N                                   token-eq
///     P = precision · distillation · F / (infer_flop_per_param_token · N)  token-eq/s
///     S = P / serial_tokens_per_s                                     streams
public enum Model {
    /// Seconds in a Julian year (365.25 days), the year MODEL.md fixes.
    public static let secondsPerYear = 31_557_600.0

    /// Inputs that ``evaluate(_:into:count:)`` uses only through their product. The sampler may
    /// then draw the product in one go (exp of a sum of logarithms, one exp instead of one per
    /// input), put it in the first input's column and 1 in the others. A test checks every
    /// group against the equations.
    public static let products: [[Input]] = [
        [.worldFlops, .aiShare],
        [.tokensPerParam, .horizon],
        [.precisionSpeedup, .distillationSpeedup],
    ]

    /// Evaluates the equations for `count` trials, column by column.
    ///
    /// Each equation is its own loop over the block, reading a few columns and writing one, so
    /// the compiler can prove the columns apart and vectorize every loop.
    ///
    /// - Parameters:
    ///   - x: one column per input, each holding at least `count` values.
    ///   - y: one column per output, each with room for `count` values.
    /// - Complexity: O(count), with no allocation.
    @inlinable
    public static func evaluate(_ x: InputColumns, into y: OutputColumns, count: Int) {
        let worldFlops = x[.worldFlops], share = x[.aiShare], years = x[.trainingYears]
        let horizon = x[.horizon], tokensPerParam = x[.tokensPerParam]
        let trainFlop = x[.trainFlopPerParamToken], inferFlop = x[.inferFlopPerParamToken]
        let precision = x[.precisionSpeedup], distillation = x[.distillationSpeedup]
        let serial = x[.serialTokensPerS]
        let F = y[.clusterFlops], C = y[.trainingFlop], N = y[.params]
        let D = y[.trainingTokens], P = y[.parallelTokensPerS], S = y[.streams]
        for i in 0..<count { F[i] = worldFlops[i] * share[i] }
        for i in 0..<count { C[i] = F[i] * years[i] * secondsPerYear }
        // D holds the data points per parameter, tokens_per_param · H, until N is known.
        for i in 0..<count { D[i] = tokensPerParam[i] * horizon[i] }
        for i in 0..<count { N[i] = (C[i] / (trainFlop[i] * D[i])).squareRoot() }
        for i in 0..<count { D[i] = D[i] * N[i] }
        for i in 0..<count { P[i] = precision[i] * distillation[i] * F[i] / (inferFlop[i] * N[i]) }
        for i in 0..<count { S[i] = P[i] / serial[i] }
    }

    /// The outputs of one trial, by ``Output`` raw value, for inputs `x` by ``Input`` raw value.
    public static func evaluate(point x: [Double]) -> [Double] {
        precondition(x.count == Input.allCases.count)
        var x = x, y = [Double](repeating: 0, count: Output.allCases.count)
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                evaluate(InputColumns(base: x.baseAddress!, stride: 1), into: OutputColumns(base: y.baseAddress!, stride: 1), count: 1)
            }
        }
        return y
    }
}

/// An input of the model: a quantity a prior file may give a distribution for.
public enum Input: Int, CaseIterable, Sendable {
    case worldFlops, aiShare, trainingYears, horizon, tokensPerParam
    case trainFlopPerParamToken, inferFlopPerParamToken
    case precisionSpeedup, distillationSpeedup, serialTokensPerS

    /// Name, unit, meaning, the post's value and the values the equations accept.
    public var spec: InputSpec {
        switch self {
        case .worldFlops:
            InputSpec("world_flops", "FLOP/s", "AI-capable compute in the world (GPUs + TPUs)", 4e21)
        case .aiShare:
            InputSpec("ai_share", "fraction", "share of it that trains the model and then runs it", 0.25,
                      domain: .unitInterval)
        case .trainingYears:
            InputSpec("training_years", "years", "wall-clock length of the training run", 1)
        case .horizon:
            InputSpec("horizon", "token-eq", "H: token-equivalents per training data point", 1)
        case .tokensPerParam:
            InputSpec("tokens_per_param", "data points", "compute-optimal data points per parameter", 20)
        case .trainFlopPerParamToken:
            InputSpec("train_flop_per_param_token", "FLOP", "training FLOP per parameter per token-equivalent", 6)
        case .inferFlopPerParamToken:
            InputSpec("infer_flop_per_param_token", "FLOP", "inference FLOP per parameter per generated token", 2)
        case .precisionSpeedup:
            InputSpec("precision_speedup", "x", "inference cost divided by this (lower precision)", 1)
        case .distillationSpeedup:
            InputSpec("distillation_speedup", "x", "inference cost divided by this (distillation)", 1)
        case .serialTokensPerS:
            InputSpec("serial_tokens_per_s", "tokens/s", "generation speed of one stream", 50)
        }
    }
}

/// An output of the model, as named in tables, CSV and JSON.
public enum Output: Int, CaseIterable, Sendable {
    case parallelTokensPerS, streams, params, trainingTokens, trainingFlop, clusterFlops

    /// Name, unit, meaning, and whether the table shows it unless asked otherwise.
    public var spec: OutputSpec {
        switch self {
        case .parallelTokensPerS:
            OutputSpec("parallel_tokens_per_s", "token-eq/s", "token-equivalents per second the world can generate from the model")
        case .streams:
            OutputSpec("streams", "streams", "separate streams at the serial speed")
        case .params:
            OutputSpec("params", "parameters", "compute-optimal parameter count")
        case .trainingTokens:
            OutputSpec("training_tokens", "token-eq", "training data in token-equivalents", inTable: false)
        case .trainingFlop:
            OutputSpec("training_flop", "FLOP", "compute spent on the training run", inTable: false)
        case .clusterFlops:
            OutputSpec("cluster_flops", "FLOP/s", "compute that trains and then runs the model", inTable: false)
        }
    }
}
