import Foundation

/// The model's arithmetic at one point, step by step, as `aisim explain` prints it: every
/// equation of MODEL.md with its symbols, the numbers put in, the result and its unit, so a
/// reader can follow the post's own calculation or a prior's central case line by line.
///
/// Deterministic: no sampling. At a prior's medians, each input takes the median of its own
/// distribution; the outputs then are the model at that point, which is not the median of the
/// outputs (a run gives those).
public struct Explanation: Sendable {
    /// Where the point comes from.
    public enum Point: Sendable {
        /// The post's own values, MODEL.md's worked example.
        case post
        /// Each input's median under `prior`.
        case medians(Prior)
    }

    public let point: Point
    /// Input values by ``Input`` raw value.
    public let inputs: [Double]
    /// Output values by ``Output`` raw value.
    public let outputs: [Double]
    public let notation: Notation

    public init(_ point: Point, notation: Notation = .default) {
        self.point = point
        let derived: Bool
        switch point {
        case .post:
            inputs = Input.allCases.map(\.spec.postValue)
            derived = false
        case .medians(let prior):
            inputs = Input.allCases.map { prior[$0].distribution.quantile(0.5) }
            derived = prior.derivesSerialSpeed
        }
        outputs = Model.evaluate(point: inputs, derivedSerial: derived)
        self.notation = notation
    }

    /// Five significant digits, as MODEL.md's worked numbers: `3.1558e28`, `50`, `0.25`; with
    /// `si` or `words` notation the same number follows in that notation.
    func number(_ x: Double) -> String {
        let text = String(format: "%.5g", x)
        let plain: String
        if let e = text.firstIndex(of: "e") {
            plain = text[..<e] + "e" + String(Int(text[text.index(after: e)...])!)
        } else {
            plain = text
        }
        let spoken = notation.format(x)
        return notation == .sci || spoken == NumberFormat.short(x) ? plain : "\(plain) (\(spoken))"
    }

    /// The prior, at its medians; nil at the post's point.
    var prior: Prior? {
        if case .medians(let prior) = point { return prior }
        return nil
    }

    /// Whether the walk-through shows `input`: the post's inputs always, the optional ones
    /// when the prior sets them.
    func shows(_ input: Input) -> Bool { prior?.lists(input) ?? !input.spec.optional }

    /// The serial speed at this point: given, or derived from the model size.
    var serialSpeed: Double { outputs[Output.parallelTokensPerS.rawValue] / outputs[Output.streams.rawValue] }

    private func x(_ input: Input) -> String {
        input == .serialTokensPerS && prior?.derivesSerialSpeed == true ? number(serialSpeed) : number(inputs[input.rawValue])
    }
    private func y(_ output: Output) -> String { number(outputs[output.rawValue]) }

    /// The walk-through, one line per input and one per equation, then the note on the post's
    /// 23 million.
    public func render() -> String {
        var lines: [String] = []
        switch point {
        case .post:
            lines.append("Finnveden's model at the post's own point (MODEL.md's worked example; distributions/post-point.toml)")
        case .medians(let prior):
            lines.append("Finnveden's model at the medians of the inputs of \"\(prior.shownTitle)\" (prior \(prior.shownSource), sha256 \(prior.sha256.prefix(12)))")
            lines.append("Each input at its own median: the outputs below are the model at that point, not the medians of the outputs; run aisim for those.")
        }
        lines += ["", "inputs"]
        let rows = Input.allCases.filter(shows).map { input -> [String] in
            let spec = input.spec
            let source: String
            switch point {
            case .post: source = "the post's value"
            case .medians(let prior):
                let entry = prior[input]
                source = entry.isDerived ? "derived from the model size (below)"
                    : entry.isDefault ? (spec.optional ? "default" : "the post's value")
                    : (entry.distribution.isPoint ? "as given" : "median of \(entry.text)")
            }
            return [spec.name, x(input) + " " + spec.unit, source]
        }
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max()! }
        for row in rows {
            lines.append("  " + row[0].padding(toLength: widths[0]) + "  " + row[1].padding(toLength: widths[1]) + "  " + row[2])
        }
        let F = y(.clusterFlops), C = y(.trainingFlop), N = y(.params), D = y(.trainingTokens), P = y(.parallelTokensPerS), S = y(.streams)
        let trainUse = shows(.trainUtilization), inferUse = shows(.inferUtilization)
        var steps: [(String, String)] = [
            ("cluster compute", "F = world_flops × ai_share = \(x(.worldFlops)) × \(x(.aiShare)) = \(F) FLOP/s"),
            trainUse
                ? ("training compute", "C = F × train_utilization × training_years × 31,557,600 s/year = \(F) × \(x(.trainUtilization)) × \(x(.trainingYears)) × 31,557,600 = \(C) FLOP")
                : ("training compute", "C = F × training_years × 31,557,600 s/year = \(F) × \(x(.trainingYears)) × 31,557,600 = \(C) FLOP"),
            ("parameters", "N = √(C / (train_flop_per_param_token × tokens_per_param × H)) = √(\(C) / (\(x(.trainFlopPerParamToken)) × \(x(.tokensPerParam)) × \(x(.horizon)))) = \(N) parameters"),
            ("training data", "D = tokens_per_param × H × N = \(x(.tokensPerParam)) × \(x(.horizon)) × \(N) = \(D) token-eq"),
            inferUse
                ? ("parallel tokens/s", "P = precision_speedup × distillation_speedup × infer_utilization × F / (infer_flop_per_param_token × N) = \(x(.precisionSpeedup)) × \(x(.distillationSpeedup)) × \(x(.inferUtilization)) × \(F) / (\(x(.inferFlopPerParamToken)) × \(N)) = \(P) token-eq/s")
                : ("parallel tokens/s", "P = precision_speedup × distillation_speedup × F / (infer_flop_per_param_token × N) = \(x(.precisionSpeedup)) × \(x(.distillationSpeedup)) × \(F) / (\(x(.inferFlopPerParamToken)) × \(N)) = \(P) token-eq/s"),
        ]
        if prior?.derivesSerialSpeed == true {
            steps.append(("serial speed", "v = serial_ref_tokens_per_s × serial_hardware_speedup × (N / serial_ref_params)^(-serial_size_exponent) = \(x(.serialRefTokensPerS)) × \(x(.serialHardwareSpeedup)) × (\(N) / \(x(.serialRefParams)))^(-\(x(.serialSizeExponent))) = \(number(serialSpeed)) tokens/s"))
        }
        steps.append(("streams", "S = P / serial_tokens_per_s = \(P) / \(x(.serialTokensPerS)) = \(S) streams"))
        if prior?.reports(.researcherMultiple) == true {
            steps.append(("per human researcher", "R = P / human_ai_researchers = \(P) / \(x(.humanAIResearchers)) = \(y(.researcherMultiple)) token-eq/s per researcher-second/s"))
        }
        if prior?.reports(.humanSpeedMultiple) == true {
            steps.append(("speed over a human", "M = serial_tokens_per_s / (human_words_per_s × 4/3 tokens per word) = \(x(.serialTokensPerS)) / (\(x(.humanWordsPerS)) × 4/3) = \(y(.humanSpeedMultiple))×"))
        }
        lines += ["", "steps"]
        let stepWidth = steps.map(\.0.count).max()!
        for (name, text) in steps { lines.append("  " + name.padding(toLength: stepWidth) + "  " + text) }
        lines += ["", Self.postNote]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The honest note on the post's headline figure.
    public static let postNote = """
        note: the post quotes about 23 million tokens/s and about 500,000 streams at its own point, where \
        these equations give 3.0832e7 tokens/s and 6.1665e5 streams. The factor between them, 0.75, is not \
        explained by the surviving text of the post; equal training and inference utilisation of about 56% \
        would produce it. aisim reports what the equations give and does not fudge them to hit 23 million.
        """
}
