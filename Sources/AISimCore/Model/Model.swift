import Foundation

/// The post's model: every input, every output and the equations that link them.
///
/// This file is the one place to touch when the model gains an input, an output or an
/// equation: add a case to ``Input`` or ``Output``, give it a row in `spec`, and use it in
/// ``Model/steps``. The evaluator, `explain`, `aisim inputs` (the README's tables), prior
/// files, tables, CSV and JSON are generic over these lists; docs/add-an-input.md shows the
/// whole path with a real diff.
public enum Model {
    /// Seconds in a Julian year (365.25 days), the year MODEL.md fixes.
    public static let secondsPerYear = 31_557_600.0

    /// Tokens per English word: OpenAI's rule of thumb that a token is about three quarters of
    /// a word, so 5 words/s of reading (the post's footnote 7) is 6.67 tokens/s.
    public static let tokensPerWord = 4.0 / 3.0

    /// The equations of one trial, in the order they run (MODEL.md, with the utilisation,
    /// derived serial speed and human comparison of its later issue):
    ///
    ///     F = world_flops × ai_share                                        FLOP/s
    ///     C = F × train_utilization × training_years × 31,557,600 s/year    FLOP
    ///     N = √(C / (train_flop_per_param_token × tokens_per_param × H))    parameters
    ///     D = tokens_per_param × H × N                                      token-eq
    ///     P = precision × distillation × infer_utilization × F / (infer_flop_per_param_token × N)
    ///     v = serial_tokens_per_s, or when "derived":
    ///         serial_ref_tokens_per_s × serial_hardware_speedup × (N / serial_ref_params)^(−serial_size_exponent)
    ///     S = P / v                                                         streams
    ///     Q = P / human_ai_researchers                                      researcher_multiple
    ///     M = v / (human_words_per_s × 4/3 tokens per word)                 human_speed_multiple
    ///
    /// Utilisations of 1 multiply by exactly 1, so a prior without the later inputs gives the
    /// same bits as before they existed.
    ///
    /// The lower bound and time (MODEL.md's last section) add, when `year` is set,
    /// dt = year − base_year, W = world_flops × compute_growth^dt and F = W × ai_share, with the
    /// serial speed v times serial_speed_growth^dt in S and M; and when `deploy_share` is set, the compute
    /// that runs the model, R = max(F, deploy_share × W), in P's place of F.
    public static let steps: [Step] = [
        Step(
            "cluster compute", "F", .output(.clusterFlops), .product([.input(.worldFlops), .input(.aiShare)]), "FLOP/s",
            when: Condition(growth: false)),
        Step(
            "years since the base year", "", .term(.yearsSinceBase), .difference(.input(.year), .input(.baseYear)),
            "years", when: Condition(growth: true)),
        Step(
            "cluster compute", "F", .output(.clusterFlops),
            .product([.input(.worldFlops), worldGrowth, .input(.aiShare)]), "FLOP/s", when: Condition(growth: true)),
        Step(
            "training compute", "C", .output(.trainingFlop),
            .product([
                .output(.clusterFlops), .input(.trainUtilization), .input(.trainingYears),
                .constant(secondsPerYear, text: "31,557,600", meaning: "s/year"),
            ]), "FLOP"),
        Step(
            "data points per parameter", "", .term(.dataPointsPerParameter),
            .product([.input(.tokensPerParam), .input(.horizon)]),
            "data points"),
        Step(
            "parameters", "N", .output(.params),
            .product(
                [.output(.trainingFlop)], over: [.input(.trainFlopPerParamToken), .term(.dataPointsPerParameter)],
                squareRoot: true),
            "parameters"),
        Step(
            "training data", "D", .output(.trainingTokens),
            .product([.term(.dataPointsPerParameter), .output(.params)]), "token-eq"),
        Step(
            "run compute", "R", .output(.runFlops),
            .maximum([.output(.clusterFlops)], [.input(.deployShare), .input(.worldFlops)]), "FLOP/s",
            when: Condition(deployment: true, growth: false)),
        Step(
            "run compute", "R", .output(.runFlops),
            .maximum([.output(.clusterFlops)], [.input(.deployShare), .input(.worldFlops), worldGrowth]), "FLOP/s",
            when: Condition(deployment: true, growth: true)),
        Step(
            "parallel tokens/s", "P", .output(.parallelTokensPerS),
            .quotient(
                [
                    .input(.precisionSpeedup), .input(.distillationSpeedup), .input(.inferUtilization),
                    .output(.clusterFlops),
                ],
                [.input(.inferFlopPerParamToken), .output(.params)]), "token-eq/s", when: Condition(deployment: false)),
        Step(
            "parallel tokens/s", "P", .output(.parallelTokensPerS),
            .quotient(
                [
                    .input(.precisionSpeedup), .input(.distillationSpeedup), .input(.inferUtilization),
                    .output(.runFlops),
                ],
                [.input(.inferFlopPerParamToken), .output(.params)]), "token-eq/s", when: Condition(deployment: true)),
        Step(
            "size over the reference", "", .term(.sizeRatio), .quotient([.output(.params)], [.input(.serialRefParams)]),
            "x",
            when: .derivedSerialSpeed),
        Step(
            "serial speed", "v", .input(.serialTokensPerS),
            .product([
                .input(.serialRefTokensPerS), .input(.serialHardwareSpeedup),
                .power(.term(.sizeRatio), exponent: .input(.serialSizeExponent), negated: true),
            ]), "tokens/s",
            when: .derivedSerialSpeed),
        Step(
            "serial speed in the year", "", .term(.serialSpeedInYear),
            .product([
                .input(.serialTokensPerS),
                .power(.input(.serialSpeedGrowth), exponent: .term(.yearsSinceBase), negated: false),
            ]), "tokens/s", when: Condition(growth: true)),
        Step(
            "streams", "S", .output(.streams), .quotient([.output(.parallelTokensPerS)], [.input(.serialTokensPerS)]),
            "streams", when: Condition(growth: false)),
        Step(
            "streams", "S", .output(.streams),
            .quotient([.output(.parallelTokensPerS)], [.term(.serialSpeedInYear)]), "streams",
            when: Condition(growth: true)),
        Step(
            "per human researcher", "Q", .output(.researcherMultiple),
            .quotient([.output(.parallelTokensPerS)], [.input(.humanAIResearchers)]),
            "token-eq/s per researcher"),
        Step(
            "speed over a human", "M", .output(.humanSpeedMultiple),
            .quotient(
                [.input(.serialTokensPerS)],
                [.input(.humanWordsPerS), .constant(tokensPerWord, text: "4/3", meaning: "tokens per word")]),
            "×", when: Condition(growth: false)),
        Step(
            "speed over a human", "M", .output(.humanSpeedMultiple),
            .quotient(
                [.term(.serialSpeedInYear)],
                [.input(.humanWordsPerS), .constant(tokensPerWord, text: "4/3", meaning: "tokens per word")]),
            "×", when: Condition(growth: true)),
    ]

    /// compute_growth^(year − base_year), the world's compute growth to the year.
    static let worldGrowth = Factor.power(.input(.computeGrowth), exponent: .term(.yearsSinceBase), negated: false)

    /// What the prior decides about which steps run.
    public struct Configuration: Sendable, Equatable {
        /// Serial speed comes from model size (`serial_tokens_per_s = "derived"`).
        public var derivedSerialSpeed: Bool
        /// `deploy_share` is set: the model runs on R = max(F, deploy_share × W).
        public var deployment: Bool
        /// `year` is set: compute and serial speed grow from the base year.
        public var growth: Bool
        /// Outputs the prior does not report: their steps do not run, and their columns hold
        /// 1, so that an output nobody sees can neither fail a run nor cost time.
        public var unreported: Set<Output>

        public init(
            derivedSerialSpeed: Bool = false, deployment: Bool = false, growth: Bool = false,
            unreported: Set<Output> = []
        ) {
            self.derivedSerialSpeed = derivedSerialSpeed
            self.deployment = deployment
            self.growth = growth
            self.unreported = unreported
        }

        /// Whether every output is a product of powers of the inputs, so that log(output) is
        /// linear in their logarithms: not with a max (deployment) or a growth exponent that
        /// is itself a difference of inputs (growth).
        public var isLogLinear: Bool { !deployment && !growth }
    }

    /// The steps that run under `configuration`, in order.
    public static func steps(for configuration: Configuration) -> [Step] {
        steps.filter { $0.condition.holds(in: configuration) }
    }

    /// Inputs that the steps use only through their product. The sampler may then draw the
    /// product in one go (exp of a sum of logarithms, one exp instead of one per input), put it
    /// in the first input's column and 1 in the others. A test checks every group against the
    /// equations.
    public static let products: [[Input]] = [
        [.worldFlops, .aiShare],
        [.tokensPerParam, .horizon],
        [.precisionSpeedup, .distillationSpeedup],
    ]

    /// The groups of ``products`` that hold under `configuration`: with deployment,
    /// deploy_share × W reads world_flops without ai_share.
    public static func products(for configuration: Configuration) -> [[Input]] {
        configuration.deployment ? products.filter { !$0.contains(.worldFlops) } : products
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
    case deployShare, year, baseYear, computeGrowth, serialSpeedGrowth

    /// Name, unit, meaning, the post's value and the values the equations accept.
    public var spec: InputSpec {
        switch self {
        case .worldFlops:
            InputSpec("world_flops", "FLOP/s", "AI-capable compute in the world (GPUs + TPUs)", 4e21)
        case .aiShare:
            InputSpec(
                "ai_share", "fraction", "share of it that trains the model and then runs it", 0.25,
                domain: .unitInterval)
        case .trainingYears:
            InputSpec("training_years", "years", "wall-clock length of the training run", 1)
        case .horizon:
            InputSpec("horizon", "token-eq", "H: token-equivalents per training data point", 1, symbol: "H")
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
            InputSpec(
                "serial_tokens_per_s", "tokens/s", "generation speed of one stream, or \"derived\" from model size", 50)
        case .trainUtilization:
            InputSpec(
                "train_utilization", "fraction", "share of peak FLOP/s training achieves", 1, domain: .unitInterval,
                optional: true)
        case .inferUtilization:
            InputSpec(
                "infer_utilization", "fraction", "share of peak FLOP/s inference achieves", 1, domain: .unitInterval,
                optional: true)
        case .serialRefTokensPerS:
            InputSpec(
                "serial_ref_tokens_per_s", "tokens/s", "derived serial speed: the speed at the reference size", 40,
                optional: true)
        case .serialRefParams:
            InputSpec(
                "serial_ref_params", "parameters", "derived serial speed: the reference size (about 2023's frontier)",
                1.75e11, optional: true)
        case .serialSizeExponent:
            InputSpec(
                "serial_size_exponent", "exponent", "derived serial speed: speed scales as params^(-this)", 0.25,
                optional: true)
        case .serialHardwareSpeedup:
            InputSpec(
                "serial_hardware_speedup", "x", "derived serial speed: faster hardware and interconnect", 1,
                optional: true)
        case .humanAIResearchers:
            InputSpec(
                "human_ai_researchers", "researchers", "human AI researchers in the world, for researcher_multiple",
                8e4, optional: true)
        case .humanWordsPerS:
            InputSpec(
                "human_words_per_s", "words/s", "human reading speed, for human_speed_multiple (post's footnote 7)", 5,
                optional: true)
        case .deployShare:
            InputSpec(
                "deploy_share", "fraction",
                "share of the world's compute that runs the model once trained (the post's \"at least 25%\")", 0.25,
                domain: .unitInterval, optional: true)
        case .year:
            InputSpec("year", "year", "the year the training run ends", 2023, domain: .finite, optional: true)
        case .baseYear:
            InputSpec(
                "base_year", "year", "the year world_flops and the serial speed describe", 2023, domain: .finite,
                optional: true)
        case .computeGrowth:
            InputSpec("compute_growth", "x/year", "world AI compute multiplier per year", 1, optional: true)
        case .serialSpeedGrowth:
            InputSpec(
                "serial_speed_growth", "x/year", "serial tokens/s multiplier per year (faster chips and interconnect)",
                1, optional: true)
        }
    }
}

/// An output of the model, as named in tables, CSV and JSON.
public enum Output: Int, CaseIterable, Sendable {
    case parallelTokensPerS, streams, params, trainingTokens, trainingFlop, clusterFlops
    case researcherMultiple, humanSpeedMultiple
    case runFlops

    /// Name, unit, meaning, and whether the table shows it unless asked otherwise.
    public var spec: OutputSpec {
        switch self {
        case .parallelTokensPerS:
            OutputSpec(
                "parallel_tokens_per_s", "token-eq/s",
                "token-equivalents per second the world can generate from the model")
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
            OutputSpec(
                "researcher_multiple", "token-eq/s per researcher",
                "the model's tokens per second for each human AI researcher in the world",
                shownWhenSet: [.humanAIResearchers])
        case .humanSpeedMultiple:
            OutputSpec(
                "human_speed_multiple", "× human speed", "serial speed over a human's reading speed in tokens",
                shownWhenSet: [.humanWordsPerS])
        case .runFlops:
            OutputSpec(
                "run_flops", "FLOP/s", "compute that runs the model: its training cluster or deploy_share of the world",
                inTable: false, shownWhenSet: [.deployShare])
        }
    }
}
