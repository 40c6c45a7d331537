import AISimCore
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

        /// The prior, at its medians; nil at the post's point.
        var prior: Prior? {
            if case .medians(let prior) = self { return prior }
            return nil
        }
    }

    public let point: Point
    /// Input values by ``Input`` raw value.
    public let inputs: [Double]
    /// Output values by ``Output`` raw value.
    public let outputs: [Double]
    public let notation: Notation
    /// Which steps the point's prior runs.
    let configuration: Model.Configuration

    /// The walk-through at `point`.
    /// - Throws: ``PriorError`` when an output leaves the range of `Double` at the point, with
    ///   the message a run gives.
    public init(_ point: Point, notation: Notation = .default) throws(PriorError) {
        self.point = point
        let configuration: Model.Configuration
        let values: [Double]
        switch point {
        case .post:
            values = Input.allCases.map(\.spec.postValue)
            configuration = Model.Configuration()
        case .medians(let prior):
            values = Input.allCases.map { prior[$0].distribution.quantile(0.5) }
            configuration = Model.Configuration(prior)
        }
        (inputs, outputs) = Model.evaluated(point: values, configuration: configuration)
        self.configuration = configuration
        self.notation = notation
        let reported = Output.allCases.filter { output in
            point.prior?.reports(output) ?? output.spec.shownWhenSet.isEmpty
        }
        let invalid = reported.filter { !(outputs[$0.rawValue] > 0 && outputs[$0.rawValue] < .infinity) }
        if !invalid.isEmpty {
            throw PriorError.outputsOutOfRange(
                invalid.map { ($0, 1) }, trials: 1, source: point.prior?.source ?? "the post's point")
        }
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
    var prior: Prior? { point.prior }

    /// Whether the walk-through shows `input`: the post's inputs always, the optional ones
    /// when the prior sets them.
    func shows(_ input: Input) -> Bool { prior?.lists(input) ?? !input.spec.optional }

    /// A quantity's number at this point.
    private func value(_ quantity: Quantity) -> String? {
        switch quantity {
        case .input(let input): shows(input) ? number(inputs[input.rawValue]) : nil
        case .output(let output): number(outputs[output.rawValue])
        case .term: nil
        }
    }

    /// A quantity's symbol, or nil for an optional input the walk-through does not show.
    private func symbol(_ quantity: Quantity) -> String? {
        if case .input(let input) = quantity, !shows(input) { return nil }
        return Model.symbol(of: quantity)
    }

    /// The steps the walk-through shows: every step of the prior's model but the terms
    /// (written out where they are used) and the outputs the prior does not report.
    private var shownSteps: [Step] {
        Model.steps(for: configuration).filter { step in
            switch step.result {
            case .term: false
            case .input: true
            case .output(let output): prior?.reports(output) ?? output.spec.shownWhenSet.isEmpty
            }
        }
    }

    /// Whether the walk-through is at the post's own point: `--post`, or a prior whose every
    /// input is fixed at the post's value.
    var isPostPoint: Bool {
        switch point {
        case .post: true
        case .medians(let prior): prior.entries.allSatisfy { $0.distribution == .point($0.input.spec.postValue) }
        }
    }

    /// The walk-through, one line per input and one per equation, then, at the post's own
    /// point, the note on the post's 23 million.
    public func render() -> String {
        var lines: [String] = []
        switch point {
        case .post:
            lines.append(
                "Finnveden's model at the post's own point (MODEL.md's worked example; distributions/post-point.toml)")
        case .medians(let prior):
            lines.append(
                "Finnveden's model at the medians of the inputs of \"\(prior.shownTitle)\" (prior \(prior.shownSource), sha256 \(prior.sha256.prefix(12)))"
            )
            lines.append(
                "Each input at its own median: the outputs below are the model at that point, not the medians of the outputs; run aisim for those."
            )
        }
        lines += ["", "inputs"]
        let rows = Input.allCases.filter(shows).map { input -> [String] in
            let spec = input.spec
            let source: String
            switch point {
            case .post: source = "the post's value"
            case .medians(let prior):
                let entry = prior[input]
                source =
                    entry.isDerived
                    ? "derived from the model size (below)"
                    : entry.isDefault
                        ? (spec.optional ? "default" : "the post's value")
                        : (entry.distribution.isPoint ? "as given" : "median of \(entry.text)")
            }
            return [spec.name, number(inputs[input.rawValue]) + " " + spec.unit, source]
        }
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(
                "  " + row[0].padding(toLength: widths[0]) + "  " + row[1].padding(toLength: widths[1]) + "  " + row[2])
        }
        let steps = shownSteps.map { step -> (String, String) in
            let result = value(step.result) ?? ""
            let unit = step.unit == "×" ? "×" : " " + step.unit
            return (
                step.name,
                "\(step.symbol) = \(step.formulaText(name: symbol, meanings: true)) = \(step.formulaText(name: value, meanings: false)) = \(result)\(unit)"
            )
        }
        lines += ["", "steps"]
        let stepWidth = steps.map(\.0.count).max() ?? 0
        for (name, text) in steps { lines.append("  " + name.padding(toLength: stepWidth) + "  " + text) }
        if isPostPoint { lines += ["", Self.postNote] }
        if case .post = point { lines += ["", lowerBoundNote] }
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
