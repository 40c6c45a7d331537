import AISimCore
import AISimReport
import ArgumentParser

/// `--samples FILE`: every trial's inputs and outputs, for notebooks.
struct SampleArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write every trial to this file, FILE.npy (NumPy) or FILE.csv, with its provenance in FILE.json.",
            discussion:
                "One row per trial in trial order and one column per uncertain input and reported output, the same bytes on any thread count. The run checks the free space first and writes all the files or none. A shard writes its own trials; see docs/notebooks.md.",
            valueName: "file"))
    var samples: String?

    func validate() throws {
        guard let samples else { return }
        guard !samples.isEmpty else { throw ValidationError("--samples '': give a file name, as run.npy or run.csv") }
        guard SampleFormat(path: samples) != nil else {
            throw ValidationError(
                "--samples \(samples): name a .npy file (a NumPy structured array) or a .csv file, as run.npy")
        }
    }

    /// The provenance file beside the samples.
    var provenance: String? { samples.map(SampleFormat.provenancePath) }

    /// The files `--samples` writes, with the flag that names them.
    var paths: [(String, String?)] { [("--samples", samples), ("--samples (its provenance)", provenance)] }

    /// A writer of `prior`'s columns, after checking there is room for `trials` trials; nil
    /// without `--samples`.
    func writer(_ prior: Prior, trials: Int) throws(FileWriteError) -> SampleWriter? {
        guard let samples, let format = SampleFormat(path: samples) else { return nil }
        let writer = try SampleWriter(path: samples, format: format, columns: SampleColumn.columns(of: prior))
        try writer.checkSpace(rows: trials)
        return writer
    }

    /// Adds the finished samples and their provenance to `delivery`.
    func deliver(
        _ writer: SampleWriter, prior: Prior, options: SimulationOptions, shard: Shard?, into delivery: inout Delivery
    ) throws(FileWriteError) {
        delivery.adopt(try writer.finish())
        let provenance = SampleProvenance(writer: writer, prior: prior, options: options, shard: shard)
        delivery.file(provenance.encoded(), to: SampleFormat.provenancePath(for: writer.path))
    }

    /// What the run wrote, for stderr.
    static func note(_ writer: SampleWriter) -> String {
        let rows = writer.trials
        return
            "aisim: wrote \(NumberFormat.grouped(rows.count)) trials × \(writer.columns.count) columns (\(SystemMemory.describe(Double(writer.writtenBytes)))) to \(writer.path), provenance in \(SampleFormat.provenancePath(for: writer.path))\n"
    }
}
