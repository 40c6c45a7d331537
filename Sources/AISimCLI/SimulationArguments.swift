import AISimCore
import AISimReport
import ArgumentParser
import Foundation

/// The flags every simulating command shares: how many trials, which seed, how many threads
/// and which percentiles.
struct SimulationArguments: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Number of Monte Carlo trials: a positive whole number, as 1e7 or 10000000 (default: 1e6; with --precision, the first run's, default 1e5).",
            valueName: "n"),
        transform: TrialCount.parse)
    var trials: Int?

    /// Trials when no precision target sets them.
    static let defaultTrials = 1_000_000

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Random seed (0 to 2^64-1). The same seed gives the same numbers on any thread count. (default: 1)",
            valueName: "s"),
        transform: SeedValue.parse)
    var seed: UInt64 = 1

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Worker threads (default: all cores). Changes speed only, never the numbers.",
            valueName: "t"))
    var threads: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Percentiles to report, from 0 to 100, separated by commas (default: 1,5,10,25,50,75,90,95,99; for sweep, 5,50,95).",
            valueName: "list"),
        transform: PercentileList.parse)
    var percentiles: [Percentile]?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Sampling method: random (independent draws, the default), lhs (Latin hypercube) or sobol (randomised quasi-Monte Carlo).",
            discussion:
                "lhs and sobol split the trials into independent replicates (16, or one per 2^20 trials) and stratify each; their confidence intervals come from the spread between replicates. See docs/variance-reduction.md.",
            valueName: "method"),
        transform: { text in
            guard let method = SamplingMethod(rawValue: text) else {
                throw ValidationError("\"\(text)\" is not a sampling method; choose random, lhs or sobol")
            }
            return method
        })
    var method: SamplingMethod = .random

    enum Summary: String, ExpressibleByArgument, CaseIterable {
        case exact, sketch
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "exact (order statistics of every trial) or sketch (a quantile sketch of fixed size). Default: exact while it fits in memory, sketch above that.",
            discussion:
                "A sketch's percentiles are within --accuracy (relative) of the exact ones, and its memory does not grow with the trials. See docs/scale.md.",
            valueName: "summary"))
    var summary: Summary?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The sketch's relative accuracy, from 1e-5 to 0.5 (default: 0.001); implies --summary sketch. Finer accuracies span fewer octaves: 32 at 1e-5.",
            valueName: "alpha"))
    var accuracy: Double?

    func validate() throws {
        if let threads, !(1...4096).contains(threads) {
            throw ValidationError("--threads \(threads): give a whole number from 1 to 4096")
        }
        if let accuracy, !QuantileSketch.accuracies.contains(accuracy) {
            throw ValidationError("--accuracy \(accuracy): give a relative accuracy from 1e-5 to 0.5, such as 0.001")
        }
        if accuracy != nil && summary == .exact {
            throw ValidationError("--accuracy sets a sketch's accuracy; it does not apply to --summary exact")
        }
        if method != .random && (summary == .sketch || accuracy != nil) {
            throw ValidationError(
                "--method \(method.rawValue) needs exact percentiles: sketches summarise random sampling only; drop --summary sketch and --accuracy"
            )
        }
        if let trials, summary == .exact || method != .random { try checkMemory(trials, flag: "--trials") }
    }

    /// Throws when exact percentiles of `trials` trials would need more memory than is available.
    func checkMemory(_ trials: Int, flag: String) throws {
        if let (needed, available) = exactShortfall(trials) {
            throw ValidationError(
                "\(flag) \(trials): exact percentiles would need about \(SystemMemory.describe(needed)) of memory, and \(SystemMemory.describe(available)) is available; use fewer trials\(method == .random ? " or --summary sketch" : "")"
            )
        }
    }

    /// The memory exact percentiles of `trials` trials need and the memory available, when the
    /// first exceeds the second.
    private func exactShortfall(_ trials: Int) -> (needed: Double, available: Double)? {
        SummaryChoice.exactShortfall(trials: trials, percentiles: percentiles ?? Percentile.defaults)
    }

    /// The summary for a run of up to `trials` trials: as asked, or exact while it fits in
    /// memory and a sketch above that, with a note on stderr saying so.
    func summaryMode(trials: Int) -> SummaryMode {
        let sketch = SummaryMode.sketch(accuracy: accuracy ?? SummaryMode.defaultAccuracy)
        switch summary {
        case .exact: return .exact
        case .sketch: return sketch
        case nil:
            if accuracy != nil { return sketch }
            let choice = SummaryChoice.automatic(
                trials: trials, method: method, percentiles: percentiles ?? Percentile.defaults,
                accuracy: accuracy ?? SummaryMode.defaultAccuracy)
            guard let (needed, available) = choice.shortfall else { return choice.mode }
            StandardStreams.note(
                "aisim: note: exact percentiles of \(NumberFormat.grouped(trials)) trials would need about \(SystemMemory.describe(needed)) of memory and \(SystemMemory.describe(available)) is available, so this run uses a quantile sketch with relative accuracy \(accuracy ?? SummaryMode.defaultAccuracy) (--summary sketch says so explicitly)\n"
            )
            return choice.mode
        }
    }

    /// The options these flags give, with `defaultPercentiles` when `--percentiles` is absent,
    /// and `summary`, or the one ``summaryMode(trials:)`` picks.
    func options(defaultPercentiles: [Percentile] = Percentile.defaults, summary: SummaryMode? = nil)
        -> SimulationOptions
    {
        let trials = trials ?? Self.defaultTrials
        return SimulationOptions(
            trials: trials, seed: seed,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
            percentiles: percentiles ?? defaultPercentiles, method: method,
            summary: summary ?? summaryMode(trials: trials))
    }
}

/// Parses `--trials`: a positive whole number, in plain digits or scientific notation.
enum TrialCount {
    /// The largest count aisim accepts: 2^53, beyond which doubles skip whole numbers.
    static let maximum = 1 << 53

    static func parse(_ text: String) throws -> Int {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard !cleaned.isEmpty, cleaned.allSatisfy({ "0123456789.eE+".contains($0) }),
            let value = Double(cleaned), value.isFinite
        else { throw ValidationError("not a positive whole number; write 1e7 or 10000000") }
        // Plain digits are read exactly: 9007199254740993 is above 2^53 although its nearest
        // double is not.
        let exact = cleaned.allSatisfy(\.isNumber) ? Int(cleaned) : nil
        guard value >= 1, value == value.rounded(), value <= Double(maximum),
            cleaned.allSatisfy(\.isNumber) ? (exact ?? .max) <= maximum : true
        else {
            throw ValidationError("not a positive whole number up to 2^53 (9007199254740992); write 1e7 or 10000000")
        }
        return exact ?? Int(value)
    }
}

/// Parses `--seed`: a whole number from 0 to 2^64 − 1, in decimal digits.
enum SeedValue {
    static func parse(_ text: String) throws -> UInt64 {
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw ValidationError(
                "\"\(text)\" is not a seed; give a whole number from 0 to 18446744073709551615 (2^64 - 1) in decimal digits, such as 42"
            )
        }
        guard let seed = UInt64(digits) else {
            throw ValidationError("\(text) is above the largest seed, 18446744073709551615 (2^64 - 1)")
        }
        return seed
    }
}

/// Parses `--precision`: a percentage such as `0.5%`, above 0 and below 100.
enum PrecisionText {
    static func parse(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("%") else {
            throw ValidationError("\"\(text)\" is not a percentage; write it with a % sign, such as 0.5%")
        }
        let number = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else {
            throw ValidationError("\"\(text)\" has no number before the % sign; write, for example, 0.5%")
        }
        guard let value = Double(number), value.isFinite else {
            throw ValidationError(
                "\"\(number)\" in \"\(text)\" is not a finite number; write a percentage such as 0.5%")
        }
        guard value > 0 && value < 100 else {
            throw ValidationError(
                "\(trimmed) is out of range; give a relative half-width above 0% and below 100%, such as 0.5%")
        }
        return value / 100
    }

    /// A fraction as the flag takes it: `0.5%`.
    static func format(_ fraction: Double) -> String { NumberFormat.percentage(fraction) }
}

/// Parses `--percentiles`: numbers from 0 to 100, separated by commas.
enum PercentileList {
    static func parse(_ text: String) throws -> [Percentile] {
        do { return try Percentile.parseList(text) } catch { throw ValidationError("\(error)") }
    }
}
