import AISimReport

/// A report with the three formats a command's `--format` chooses from.
protocol FormattedReport {
    func table() -> String
    func csv() -> String
    func json() -> String
}

extension FormattedReport {
    /// The report in `format`.
    func text(_ format: OutputArguments.Format) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: json()
        }
    }
}

extension SweepReport: FormattedReport {}
extension TimelineReport: FormattedReport {}
extension ComparisonReport: FormattedReport {}
