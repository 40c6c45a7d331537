import AISimCore
import AISimReport
import ArgumentParser
import Foundation

/// How a run's summary is written: format, which outputs, notation, and where.
struct OutputArguments: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "table (for people), csv (one row per output) or json (everything, for programs).",
            valueName: "format"))
    var format: Format = .table

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Outputs the table and CSV show, separated by commas, or 'all'. JSON has every output the prior reports.",
            discussion:
                "Outputs: \(Output.allCases.map(\.spec.name).joined(separator: ", ")). The table shows \(Output.allCases.filter(\.spec.inTable).map(\.spec.name).joined(separator: ", ")) by default; CSV shows all. \(Output.allCases.filter { !$0.spec.shownWhenSet.isEmpty }.map { "\($0.spec.name) is reported when the prior sets \($0.spec.shownWhenSet.map(\.spec.name).joined(separator: " or "))" }.joined(separator: "; ")).",
            valueName: "list"),
        transform: OutputList.parse)
    var outputs: [Output]?

    @OptionGroup var file: OutputFile

    /// `--output`, when given.
    var output: String? { file.output }

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Show each percentile's 95% confidence interval beside it, and the mean's standard error (table and CSV; JSON always has them).",
            discussion:
                "In the table: value  [lower, upper], and mean ± standard error. In CSV: columns mean_se, p5_lo, p5_hi and so on. 'none' (table) or an empty field (CSV) marks a side too few trials can bound."
        ))
    var ci = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How the table and plots write numbers: sci (3.08e7, the default), si (30.8 M) or words (30.8 million). CSV and JSON are always exact.",
            valueName: "notation"))
    var notation: Notation = .default

    /// The outputs whose percentiles the chosen format shows: the table's columns (those
    /// marked for the table unless `--outputs` names others), CSV's rows (every output the
    /// prior reports unless `--outputs` names others), and in JSON every output the prior
    /// reports. A run finds the percentiles of these only.
    func shown(_ prior: Prior) -> [Output] {
        let chosen = outputs.map { $0 == Output.allCases ? prior.reportedOutputs : $0 }
        return switch format {
        case .table: chosen ?? prior.reportedOutputs.filter(\.spec.inTable)
        case .csv: chosen ?? prior.reportedOutputs
        case .json: prior.reportedOutputs
        }
    }

    /// Throws a usage error when `--outputs` names an output `prior` does not report (a
    /// comparison with humans whose input the prior leaves out).
    func check(against prior: Prior) throws {
        guard let outputs, outputs != Output.allCases else { return }
        try OutputList.checkReported(outputs, flag: "--outputs", prior: prior)
    }

    /// The report in the chosen format.
    func render(_ report: RunReport) -> String {
        var report = report
        report.notation = notation
        return switch format {
        case .table: report.table(outputs: shown(report.prior), ci: ci)
        case .csv: report.csv(outputs: shown(report.prior), ci: ci)
        case .json: report.json()
        }
    }

    /// Sends `text` to `--output`, or to stdout.
    func deliver(_ text: String, into delivery: inout Delivery) { file.deliver(text, into: &delivery) }
}

/// Parses `--outputs`: output names separated by commas, or `all`.
enum OutputList {
    /// Throws a usage error for the first of `outputs` that `prior` does not report.
    static func checkReported(_ outputs: [Output], flag: String, prior: Prior) throws {
        if let output = outputs.first(where: { !prior.reports($0) }) {
            let inputs = output.spec.shownWhenSet.map(\.spec.name).joined(separator: " or ")
            throw ValidationError(
                "\(flag) \(output.spec.name): this prior does not report it; set \(inputs) in the prior or with --set")
        }
    }

    static func parse(_ text: String) throws -> [Output] {
        if text == "all" { return Output.allCases }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(
                "give one or more output names, separated by commas: \(Output.allCases.map(\.spec.name).joined(separator: ", ")), or all"
            )
        }
        var outputs: [Output] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false).map({
            $0.trimmingCharacters(in: .whitespaces)
        }) {
            guard let output = Output.named(name) else {
                let hint = Output.unknownHint(for: name)
                throw ValidationError(
                    "unknown output \"\(name)\"" + (hint.hasPrefix("; did") ? hint : hint + ", or all"))
            }
            guard !outputs.contains(output) else { throw ValidationError("\(name) is listed twice") }
            outputs.append(output)
        }
        return outputs
    }
}

extension Notation: ExpressibleByArgument {}
