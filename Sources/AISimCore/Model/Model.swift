import Foundation

/// The post's model: every input, every output and the equations that link them.
///
/// This file is the one place to touch when the model gains an input or an output:
/// add a case to ``Input`` or ``Output``, give it a row in `spec`, and use it in
/// ``Model/evaluate(_:into:count:)``. Prior files, tables, CSV and JSON are generic
/// over these two lists.
///
/// The equations (one trial; MODEL.md, with the utilisation, derived serial speed and human
/// comparison of its later issue):
///
///     F = world_flops · ai_share                                     FLOP/s
///     C = F · train_utilization · training_years · 31 557 600        FLOP
///     N = √(C / (train_flop_per_param_token · tokens_per_param · H))  parameters
///     D = tokens_per_param · H · N                                   token-eq
///     P = precision · distillation · infer_utilization · F / (infer_flop_per_param_token · N)  token-eq/s
///     v = serial_tokens_per_s, or when derived:
///         serial_ref_tokens_per_s · serial_hardware_speedup · (N / serial_ref_params)^(−serial_size_exponent)
///     S = P / v                                                      streams
///     R = P / human_ai_researchers                                   researcher_multiple
///     M = v / (human_words_per_s · 4/3 tokens per word)              human_speed_multiple
///
/// Utilisations of 1 multiply by exactly 1, so a prior without the later inputs gives the
/// same bits as before they existed.
public enum Model {
    /// Seconds in a Julian year (365.25 days), the year MODEL.md fixes.
    public static let secondsPerYear = 31_557_600.0

    /// Tokens per English word: OpenAI's rule of thumb that a token is about three quarters of
    /// a word, so 5 words/s of reading (the post's footnote 7) is 6.67 tokens/s.
    public static let tokensPerWord = 4.0 / 3.0

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
    ///   - x: one column per input, each holding at least `count` values. With
    ///     `derivedSerial`, the serial speed column is overwritten with the derived speeds.
    ///   - y: one column per output, each with room for `count` values.
    ///   - derivedSerial: whether serial speed comes from model size (`serial_tokens_per_s =
    ///     "derived"`) rather than its own column.
    /// - Complexity: O(count), with no allocation.
    @inlinable
    public static func evaluate(_ x: InputColumns, into y: OutputColumns, count: Int, derivedSerial: Bool = false) {
        let worldFlops = x[.worldFlops], share = x[.aiShare], years = x[.trainingYears]
        let horizon = x[.horizon], tokensPerParam = x[.tokensPerParam]
        let trainFlop = x[.trainFlopPerParamToken], inferFlop = x[.inferFlopPerParamToken]
        let precision = x[.precisionSpeedup], distillation = x[.distillationSpeedup]
        let serial = x[.serialTokensPerS], trainUse = x[.trainUtilization], inferUse = x[.inferUtilization]
        let F = y[.clusterFlops], C = y[.trainingFlop], N = y[.params]
        let D = y[.trainingTokens], P = y[.parallelTokensPerS], S = y[.streams]
        for i in 0..<count { F[i] = worldFlops[i] * share[i] }
        for i in 0..<count { C[i] = F[i] * trainUse[i] * years[i] * secondsPerYear }
        // D holds the data points per parameter, tokens_per_param · H, until N is known.
        for i in 0..<count { D[i] = tokensPerParam[i] * horizon[i] }
        for i in 0..<count { N[i] = (C[i] / (trainFlop[i] * D[i])).squareRoot() }
        for i in 0..<count { D[i] = D[i] * N[i] }
        for i in 0..<count { P[i] = precision[i] * distillation[i] * inferUse[i] * F[i] / (inferFlop[i] * N[i]) }
        if derivedSerial {
            let reference = x[.serialRefTokensPerS], hardware = x[.serialHardwareSpeedup]
            let referenceParams = x[.serialRefParams], exponent = x[.serialSizeExponent]
            for i in 0..<count { serial[i] = reference[i] * hardware[i] * pow(N[i] / referenceParams[i], -exponent[i]) }
        }
        for i in 0..<count { S[i] = P[i] / serial[i] }
        let researchers = x[.humanAIResearchers], words = x[.humanWordsPerS]
        let R = y[.researcherMultiple], M = y[.humanSpeedMultiple]
        for i in 0..<count { R[i] = P[i] / researchers[i] }
        for i in 0..<count { M[i] = serial[i] / (words[i] * tokensPerWord) }
    }

    /// The outputs of one trial, by ``Output`` raw value, for inputs `x` by ``Input`` raw value.
    public static func evaluate(point x: [Double], derivedSerial: Bool = false) -> [Double] {
        precondition(x.count == Input.allCases.count)
        var x = x, y = [Double](repeating: 0, count: Output.allCases.count)
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                evaluate(InputColumns(base: x.baseAddress!, stride: 1), into: OutputColumns(base: y.baseAddress!, stride: 1), count: 1,
                         derivedSerial: derivedSerial)
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
    case trainUtilization, inferUtilization
    case serialRefTokensPerS, serialRefParams, serialSizeExponent, serialHardwareSpeedup
    case humanAIResearchers, humanWordsPerS

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
            InputSpec("serial_tokens_per_s", "tokens/s", "generation speed of one stream, or \"derived\" from model size", 50)
        case .trainUtilization:
            InputSpec("train_utilization", "fraction", "share of peak FLOP/s training achieves", 1, domain: .unitInterval, optional: true)
        case .inferUtilization:
            InputSpec("infer_utilization", "fraction", "share of peak FLOP/s inference achieves", 1, domain: .unitInterval, optional: true)
        case .serialRefTokensPerS:
            InputSpec("serial_ref_tokens_per_s", "tokens/s", "derived serial speed: the speed at the reference size", 40, optional: true)
        case .serialRefParams:
            InputSpec("serial_ref_params", "parameters", "derived serial speed: the reference size (about 2023's frontier)", 1.75e11, optional: true)
        case .serialSizeExponent:
            InputSpec("serial_size_exponent", "exponent", "derived serial speed: speed scales as params^(-this)", 0.25, optional: true)
        case .serialHardwareSpeedup:
            InputSpec("serial_hardware_speedup", "x", "derived serial speed: faster hardware and interconnect", 1, optional: true)
        case .humanAIResearchers:
            InputSpec("human_ai_researchers", "researchers", "human AI researchers in the world, for researcher_multiple", 8e4, optional: true)
        case .humanWordsPerS:
            InputSpec("human_words_per_s", "words/s", "human reading speed, for human_speed_multiple (post's footnote 7)", 5, optional: true)
        }
    }
}

/// An output of the model, as named in tables, CSV and JSON.
public enum Output: Int, CaseIterable, Sendable {
    case parallelTokensPerS, streams, params, trainingTokens, trainingFlop, clusterFlops
    case researcherMultiple, humanSpeedMultiple

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
        case .researcherMultiple:
            OutputSpec("researcher_multiple", "x", "AI token-equivalents per second per human AI-researcher-second per second",
                       shownWhenSet: [.humanAIResearchers])
        case .humanSpeedMultiple:
            OutputSpec("human_speed_multiple", "x", "serial speed over a human's reading speed in tokens",
                       shownWhenSet: [.humanWordsPerS])
        }
    }
}
