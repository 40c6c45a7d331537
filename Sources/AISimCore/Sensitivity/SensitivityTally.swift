import Foundation

/// What a run gathers for ``Sensitivity`` while it simulates: sums and cross products of the
/// uncertain inputs' logarithms and the two outputs' logarithms (shifted by their values at
/// the inputs' medians, for accuracy); and, for the first trials, those logarithms themselves.
///
/// A worker sums each chunk into a row of its own (``rowLength`` values) and hands the
/// finished row to a ``ChunkTreeAccumulator``, which adds the rows along the fixed tree over
/// the chunks: the result is the same on any number of threads, and memory does not grow
/// with the trials. Each chunk owns its slice of the kept trials.
final class SensitivityTally: @unchecked Sendable {
    let inputs: [Input]
    /// Per input of ``inputs``: measured by its logarithm, or by its value (a year).
    let byLogarithm: [Bool]
    let outputs = Sensitivity.outputs
    let dimension: Int
    let shifts: [Double]
    let subsetTrials: Int
    /// The rows of finished chunks: dimension sums, then dimension² cross products.
    private let sums: ChunkTreeAccumulator<[Double]>
    /// Per variable, `subsetTrials` logarithms.
    private let subset: UnsafeMutableBufferPointer<Double>

    init(prior: Prior, trials: Int, chunks: Int) {
        inputs = Input.allCases.filter { !prior[$0].distribution.isPoint }
        byLogarithm = inputs.map(Sensitivity.byLogarithm)
        dimension = inputs.count + outputs.count
        let medians = Input.allCases.map { prior[$0].distribution.quantile(0.5) }
        let y = Model.evaluate(point: medians, configuration: Model.Configuration(prior))
        shifts =
            zip(inputs, byLogarithm).map { $1 ? log(medians[$0.rawValue]) : medians[$0.rawValue] }
            + outputs.map { log(y[$0.rawValue]) }
        subsetTrials = min(trials, Sensitivity.subsetLimit)
        sums = ChunkTreeAccumulator(chunks: 0..<chunks) { left, right in
            for k in left.indices { left[k] += right[k] }
        }
        subset = .allocate(capacity: dimension * subsetTrials)
        subset.initialize(repeating: 0)
    }

    deinit {
        subset.deallocate()
    }

    /// How many sums a chunk's row holds.
    var rowLength: Int { dimension + dimension * dimension }

    /// Adds a block of trials starting at trial `start` to `row`, the sums of the chunk they
    /// belong to. `logarithms` holds the inputs' logarithms, `values` the inputs as drawn (for
    /// those measured by their value), `block` the outputs.
    func add(
        into row: UnsafeMutablePointer<Double>, start: Int, count: Int, logarithms: InputColumns,
        values: InputColumns, block: OutputColumns
    ) {
        let d = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { v in
            for i in 0..<count {
                for (k, input) in inputs.enumerated() {
                    v[k] = (byLogarithm[k] ? logarithms[input][i] : values[input][i]) - shifts[k]
                }
                for (k, output) in outputs.enumerated() {
                    v[inputs.count + k] = log(block[output][i]) - shifts[inputs.count + k]
                }
                for a in 0..<d {
                    row[a] += v[a]
                    for b in a..<d { row[d + a * d + b] += v[a] * v[b] }
                }
                let trial = start + i
                if trial < subsetTrials {
                    for a in 0..<d { subset[a * subsetTrials + trial] = v[a] + shifts[a] }
                }
            }
        }
    }

    /// Hands over `row`, the sums of every trial of chunk `chunk`, and clears it for the next.
    func finish(chunk: Int, row: inout [Double]) {
        sums.add(chunk: chunk, row)
        for k in row.indices { row[k] = 0 }
    }

    /// The analysis, once every chunk has been finished.
    func sensitivity(trials: Int, prior: Prior) -> Sensitivity {
        let d = dimension
        let n = Double(trials)
        let total = sums.total ?? [Double](repeating: 0, count: rowLength)
        let mean = (0..<d).map { total[$0] / n }
        func covariance(_ a: Int, _ b: Int) -> Double {
            let (i, j) = a <= b ? (a, b) : (b, a)
            return (total[d + i * d + j] - n * mean[i] * mean[j]) / (n - 1)
        }
        let kept = (0..<d).map { a in
            Array(UnsafeBufferPointer(start: subset.baseAddress! + a * subsetTrials, count: subsetTrials))
        }
        let inputRanks = inputs.indices.map { RankCorrelation.ranks(kept[$0]) }

        let configuration = Model.Configuration(prior)
        let analyses = outputs.enumerated().map { k, output -> Sensitivity.Analysis in
            let y = inputs.count + k
            let a = Sensitivity.elasticities(for: output, prior: prior)
            // A spread below what the sums resolve (an output that does not vary, or varies by
            // an ulp) leaves no shares to attribute: they are 0 rather than a ratio of roundings.
            let variance = max(0, covariance(y, y))
            let outputRanks = RankCorrelation.ranks(kept[y])
            let entries = inputs.enumerated().map { j, input -> Sensitivity.Entry in
                let low = prior[input].distribution.quantile(0.05)
                let high = prior[input].distribution.quantile(0.95)
                let measure = { (x: Double) in self.byLogarithm[j] ? log(x) : x }
                func median(heldAt q: Double) -> Double {
                    var values = (0..<subsetTrials).map { kept[y][$0] + a[input]! * (measure(q) - kept[j][$0]) }
                    return exp(Self.median(&values))
                }
                return Sensitivity.Entry(
                    input: input, elasticity: a[input]!,
                    share: variance > 0 ? a[input]! * a[input]! * covariance(j, j) / variance : 0,
                    spearman: RankCorrelation.pearson(inputRanks[j], outputRanks),
                    inputLow: low, inputHigh: high,
                    medianAtLow: median(heldAt: low), medianAtHigh: median(heldAt: high))
            }
            let sharesTotal = entries.reduce(0) { $0 + $1.share }
            let resolved = variance > 0
            // Var(log y − Σ aⱼ tⱼ): what the weighted sum leaves, from the same sums.
            let weights = inputs.map { a[$0]! }
            var residual = variance
            for j in inputs.indices {
                residual -= 2 * weights[j] * covariance(j, y)
                for k in inputs.indices { residual += weights[j] * weights[k] * covariance(j, k) }
            }
            let nonlinear = configuration.isLogLinear ? nil : (resolved ? min(1, max(0, residual) / variance) : 0)
            var values = kept[y]
            return Sensitivity.Analysis(
                output: output, entries: entries.sorted { $0.share > $1.share }, varianceOfLog: variance,
                sharesTotal: sharesTotal, correlationPart: resolved ? 1 - sharesTotal - (nonlinear ?? 0) : 0,
                nonlinearPart: nonlinear, median: exp(Self.median(&values)))
        }
        return Sensitivity(analyses: analyses, subsetTrials: subsetTrials, correlated: !prior.correlations.isEmpty)
    }

    /// The median (numpy's definition) of `values`, which it reorders.
    private static func median(_ values: inout [Double]) -> Double {
        let p = Percentile(value: 50, label: "50").position(among: values.count)
        let selected = values.withUnsafeMutableBufferPointer { Selection.select(ranks: [p.lower, p.upper], in: $0) }
        return selected[0] + p.fraction * (selected[1] - selected[0])
    }
}
