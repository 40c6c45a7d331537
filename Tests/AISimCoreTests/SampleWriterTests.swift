import Foundation
import Testing

@testable import AISimCore

@Suite("SampleWriter")
struct SampleWriterTests {
    /// A fresh directory for one test; the test removes it when it ends.
    func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aisim-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `prior` with its samples written to `name` in `directory`, and renames the file
    /// into place; returns the writer and the result.
    @discardableResult
    func write(
        _ prior: Prior, trials: Int, threads: Int = 1, method: SamplingMethod = .random, to name: String,
        in directory: URL
    ) throws -> (SampleWriter, SimulationResult) {
        let path = directory.appendingPathComponent(name).path
        let writer = try SampleWriter(
            path: path, format: SampleFormat(path: path)!, columns: SampleColumn.columns(of: prior))
        var options = SimulationOptions(trials: trials, threads: threads, method: method)
        options.samples = writer
        let result = try Simulation.run(prior, options: options)
        var files = AtomicFiles()
        files.adopt(try writer.finish())
        try files.prepare().commit()
        return (writer, result)
    }

    /// The column names and the rows of an `.npy` file of float64 fields.
    func readNPY(_ url: URL) throws -> (names: [String], rows: [[Double]]) {
        let bytes = [UInt8](try Data(contentsOf: url))
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        let dict = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        let names = dict.matches(of: /\('([^']*)', '<f8'\)/).map { String($0.1) }
        let shape = Int(dict.firstMatch(of: /'shape': \((\d+),\)/)!.1)!
        let data = bytes[(10 + length)...]
        #expect(data.count == shape * names.count * 8)
        let values = data.withUnsafeBytes { raw in
            (0..<(shape * names.count)).map {
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
            }
        }
        return (names, (0..<shape).map { Array(values[($0 * names.count)..<(($0 + 1) * names.count)]) })
    }

    @Test("every row is one trial: its outputs recomputed from its inputs, also for inputs drawn as a product")
    func rowsAreTrials() throws {
        let prior = try shippedPrior("all-lognormal.toml")
        #expect(
            SamplingPlan(prior).units.contains {
                if case .product = $0 { return true }
                return false
            }, "the prior draws a product, whose members' columns do not hold their own values")
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (writer, _) = try write(prior, trials: 5000, to: "s.npy", in: directory)
        let (names, rows) = try readNPY(directory.appendingPathComponent("s.npy"))
        #expect(names == writer.columns.map(\.name))
        #expect(rows.count == 5000)
        let configuration = Model.Configuration(prior)
        var worst = 0.0
        for row in rows {
            var point = prior.entries.map { entry -> Double in
                if case .point(let value) = entry.distribution { return value }
                return .nan
            }
            var outputs: [Output: Double] = [:]
            for (column, value) in zip(writer.columns, row) {
                switch column {
                case .input(let input): point[input.rawValue] = value
                case .output(let output): outputs[output] = value
                }
            }
            let recomputed = Model.evaluate(point: point, configuration: configuration)
            for (output, value) in outputs {
                worst = max(worst, abs(recomputed[output.rawValue] / value - 1))
            }
        }
        // A product drawn as exp(Σ log) against the members multiplied: a few ulps of a
        // logarithm near 60, about 1e-14.
        #expect(worst < 1e-11)
        // The outputs see only a product, so check each input's column against its own law:
        // log x ~ N(mu, sigma²), its mean within 5 standard errors (sigma/√n) and its standard
        // deviation within 5 of its own (about sigma/√(2n)).
        let n = Double(rows.count)
        for (c, column) in writer.columns.enumerated() {
            guard case .input(let input) = column, case .lognormal(let mu, let sigma) = prior[input].distribution else {
                continue
            }
            let logs = rows.map { log($0[c]) }
            let (mean, variance, _) = moments(logs)
            #expect(abs(mean - mu) < 5 * sigma / n.squareRoot(), "\(input.spec.name) mean of log")
            #expect(abs(variance.squareRoot() / sigma - 1) < 5 / (2 * n).squareRoot(), "\(input.spec.name) sd of log")
        }
    }

    @Test("the file's percentiles and means are the result's: linear interpolation between order statistics")
    func matchesSummary() throws {
        let prior = try shippedPrior("finnveden-2023.toml")
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (writer, result) = try write(prior, trials: 20_000, to: "s.npy", in: directory)
        let (_, rows) = try readNPY(directory.appendingPathComponent("s.npy"))
        for output in [Output.parallelTokensPerS, .streams] {
            let column = writer.columns.firstIndex(of: .output(output))!
            let sorted = rows.map { $0[column] }.sorted()
            let summary = result[output]
            for (percentile, estimate) in zip(result.percentiles, summary.percentiles) {
                let h = (percentile.value / 100) * Double(sorted.count - 1)
                let low = Int(h.rounded(.down))
                let value = sorted[low] + (h - Double(low)) * (sorted[min(low + 1, sorted.count - 1)] - sorted[low])
                #expect(abs(value / estimate - 1) < 1e-14, "\(output) \(percentile)")
            }
            let mean = sorted.reduce(0, +) / Double(sorted.count)
            #expect(abs(mean / summary.mean - 1) < 1e-12)
        }
    }

    @Test("the same bytes on one thread and three, for .npy and .csv; the CSV reads back as the same doubles")
    func threadInvariant() throws {
        let prior = try shippedPrior("finnveden-2023.toml")
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["1.npy", "1.csv"] { try write(prior, trials: 200_000, threads: 1, to: name, in: directory) }
        for name in ["3.npy", "3.csv"] { try write(prior, trials: 200_000, threads: 3, to: name, in: directory) }
        let file = { (name: String) in try Data(contentsOf: directory.appendingPathComponent(name)) }
        #expect(try file("1.npy") == file("3.npy"))
        #expect(try file("1.csv") == file("3.csv"))
        let (names, rows) = try readNPY(directory.appendingPathComponent("1.npy"))
        let lines = String(decoding: try file("1.csv"), as: UTF8.self).split(separator: "\n")
        #expect(lines.first.map(String.init) == names.joined(separator: ","))
        #expect(lines.count == rows.count + 1)
        for i in stride(from: 0, to: rows.count, by: 997) {
            #expect(lines[i + 1].split(separator: ",").map { Double($0)! } == rows[i])
        }
    }

    @Test("Latin hypercube and Sobol runs write every trial of every replicate")
    func designs() throws {
        let prior = try shippedPrior("finnveden-2023.toml")
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for method in [SamplingMethod.lhs, .sobol] {
            let (writer, result) = try write(prior, trials: 30_000, method: method, to: "\(method).npy", in: directory)
            let (_, rows) = try readNPY(directory.appendingPathComponent("\(method).npy"))
            #expect(rows.count == 30_000)
            let column = writer.columns.firstIndex(of: .output(.streams))!
            let mean = rows.map { $0[column] }.reduce(0, +) / Double(rows.count)
            #expect(abs(mean / result[.streams].mean - 1) < 1e-12)
        }
    }

    @Test("shards' files, in order, are the single run's rows")
    func shards() throws {
        let prior = try shippedPrior("finnveden-2023.toml")
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trials = 300_000
        try write(prior, trials: trials, to: "whole.npy", in: directory)
        var rows: [[Double]] = []
        let plan = ChunkPlan(trials: trials)
        for k in 1...3 {
            let path = directory.appendingPathComponent("\(k).npy").path
            let writer = try SampleWriter(path: path, format: .npy, columns: SampleColumn.columns(of: prior))
            var options = SimulationOptions(trials: trials, summary: .sketch(accuracy: 0.01))
            options.samples = writer
            _ = try Simulation.sketch(prior, options: options, chunks: Shard(index: k, count: 3)!.chunks(of: plan))
            var files = AtomicFiles()
            files.adopt(try writer.finish())
            try files.prepare().commit()
            #expect(writer.trials == plan.trials(in: Shard(index: k, count: 3)!.chunks(of: plan)))
            rows += try readNPY(URL(fileURLWithPath: path)).rows
        }
        #expect(rows == (try readNPY(directory.appendingPathComponent("whole.npy")).rows))
    }

    @Test("a run under --precision writes its last run's trials only")
    func precision() throws {
        let prior = try shippedPrior("finnveden-2023.toml")
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.npy").path
        let writer = try SampleWriter(path: path, format: .npy, columns: SampleColumn.columns(of: prior))
        var options = SimulationOptions(trials: 2000)
        options.samples = writer
        let result = try Simulation.run(
            prior, options: options, precision: PrecisionTarget(relativeHalfWidth: 0.05, maxTrials: 1_000_000))
        #expect(result.precision!.runs.count > 1)
        var files = AtomicFiles()
        files.adopt(try writer.finish())
        try files.prepare().commit()
        #expect(try readNPY(URL(fileURLWithPath: path)).rows.count == result.trials)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["p.npy"])
    }

    @Test("more than the disk holds is refused before any work, naming the sizes")
    func space() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try SampleWriter(
            path: directory.appendingPathComponent("s.npy").path, format: .npy, columns: [.output(.streams)])
        #expect(throws: Never.self) { try writer.checkSpace(rows: 1000) }
        let error = #expect(throws: FileWriteError.self) { try writer.checkSpace(rows: 1 << 60) }
        #expect(error?.reason.contains("free") == true)
        #expect(error?.reason.contains("1152921504606846976 trials need") == true)
    }

    @Test("a discarded or failed run leaves no file behind")
    func discard() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["d.npy", "d.csv"] {
            let prior = try shippedPrior("finnveden-2023.toml")
            let writer = try SampleWriter(
                path: directory.appendingPathComponent(name).path, format: SampleFormat(path: name)!,
                columns: SampleColumn.columns(of: prior))
            var options = SimulationOptions(trials: 100_000, threads: 2)
            options.samples = writer
            _ = try Simulation.run(prior, options: options)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count >= 1)
            writer.discard()
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
        let bad = try prior("[inputs]\nhorizon = \"normal(1, 5)\"\n")
        let writer = try SampleWriter(
            path: directory.appendingPathComponent("bad.csv").path, format: .csv, columns: SampleColumn.columns(of: bad)
        )
        var options = SimulationOptions(trials: 10_000)
        options.samples = writer
        #expect(throws: PriorError.self) { try Simulation.run(bad, options: options) }
        writer.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("a directory or a device is refused: a samples file is renamed into place")
    func notRegular() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: FileWriteError.self) {
            try SampleWriter(path: directory.path, format: .npy, columns: [.output(.streams)])
        }
        #expect(throws: FileWriteError.self) {
            try SampleWriter(path: "/dev/null", format: .csv, columns: [.output(.streams)])
        }
    }
}
