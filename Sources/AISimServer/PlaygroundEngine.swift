import AISimCore
import AISimReport
import Foundation
import Synchronization

/// The playground's work, apart from HTTP: it turns a ``PlaygroundRequest`` into exactly what
/// the CLI prints for the same prior and flags (`aisim run --format json`, `aisim check
/// --format json`, `--svg`, `aisim sensitivity --format json`).
///
/// Runs go to threads of their own, off the server's event loops and off the pool that Swift
/// tasks share (a run that held it would starve every other request), at most
/// ``PlaygroundLimits/maxConcurrentRuns`` at once; a request beyond them is refused (503)
/// rather than queued without bound. A request that names a session cancels that session's
/// previous run, which stops at its next chunk.
public final class PlaygroundEngine: Sendable {
    public let limits: PlaygroundLimits
    /// The name a prior from a request goes by in messages and provenance.
    public let priorName: String
    private let running = Mutex(0)
    private let sessions = Mutex([String: ProgressCounter]())

    /// Runs in their slots now.
    public var activeRuns: Int { running.withLock { $0 } }

    public init(limits: PlaygroundLimits, priorName: String = "prior.toml") {
        self.limits = limits
        self.priorName = priorName
    }

    /// `aisim run --format json` of the request, or `--format csv --ci`.
    public func run(_ request: PlaygroundRequest) async throws(PlaygroundError) -> String {
        let prior = try parse(request)
        let options = try options(request, prior: prior)
        guard ["json", "csv"].contains(request.format ?? "json") else {
            throw PlaygroundError(.unprocessable, "format: \"\(request.format ?? "")\" is not json or csv")
        }
        let result = try await simulate(prior, options, session: request.session, kind: "run")
        let report = RunReport(prior: prior, result: result)
        return request.format == "csv" ? report.csv(outputs: prior.reportedOutputs, ci: true) : report.json()
    }

    /// `aisim check --format json` of the request's prior.
    public func check(_ request: PlaygroundRequest) throws(PlaygroundError) -> String {
        PriorCheck(try parse(request)).json()
    }

    /// The SVG of parallel tokens/s and streams that `--svg` draws for the request.
    public func svg(_ request: PlaygroundRequest) async throws(PlaygroundError) -> String {
        let prior = try parse(request)
        var options = try options(request, prior: prior)
        let plotted = [Output.parallelTokensPerS, .streams]
        options.distributionsKept = plotted
        let result = try await simulate(prior, options, session: request.session, kind: "svg")
        return SVGPlot(report: RunReport(prior: prior, result: result), outputs: plotted).render()
    }

    /// `aisim sensitivity --format json` of the request.
    public func sensitivity(_ request: PlaygroundRequest) async throws(PlaygroundError) -> String {
        let prior = try parse(request)
        var options = try options(request, prior: prior)
        options.sensitivity = true
        let result = try await simulate(prior, options, session: request.session, kind: "sensitivity")
        guard case .object(let members) = RunReport(prior: prior, result: result).jsonValue else { return "{}\n" }
        return JSONValue.object(members.filter { $0.0 != "outputs" }).serialized() + "\n"
    }

    /// The Markdown that `aisim report` writes for the request, its plot referred to as
    /// `report.svg` (``svg(_:)`` draws it).
    public func report(_ request: PlaygroundRequest) async throws(PlaygroundError) -> String {
        let prior = try parse(request)
        var options = try options(request, prior: prior)
        let plotted = [Output.parallelTokensPerS, .streams]
        options.distributionsKept = plotted
        options.sensitivity = true
        let result = try await simulate(prior, options, session: request.session, kind: "report")
        let explanation: String
        do { explanation = try Explanation(.medians(prior)).render() } catch {
            throw PlaygroundError(.unprocessable, "\(error)")
        }
        return RunReport(prior: prior, result: result).markdown(svg: ("report.svg", plotted), explanation: explanation)
    }

    /// The per-trial samples that `--samples FILE.npy` writes for the request (at most
    /// ``PlaygroundLimits/maxSampleTrials`` trials), as the file's bytes.
    public func samples(_ request: PlaygroundRequest) async throws(PlaygroundError) -> Data {
        let prior = try parse(request)
        var options = try options(request, prior: prior)
        guard options.trials <= limits.maxSampleTrials else {
            throw PlaygroundError(
                .unprocessable,
                "trials: samples are served for up to \(NumberFormat.grouped(limits.maxSampleTrials)) trials; aisim --samples writes any number"
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aisim-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("samples.npy").path
            let writer = try SampleWriter(path: path, format: .npy, columns: SampleColumn.columns(of: prior))
            options.samples = writer
            _ = try await simulate(prior, options, session: request.session, kind: "samples")
            var files = AtomicFiles()
            files.adopt(try writer.finish())
            try files.prepare().commit()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as PlaygroundError {
            throw error
        } catch {
            throw PlaygroundError(.unprocessable, "samples: \(error)")
        }
    }

    /// The request's prior, or the CLI's one-line error for it.
    func parse(_ request: PlaygroundRequest) throws(PlaygroundError) -> Prior {
        do { return try Prior.parse(request.prior, source: priorName) } catch {
            throw PlaygroundError(.unprocessable, "\(error)")
        }
    }

    /// The run's options, as the CLI would build them from the same flags.
    func options(_ request: PlaygroundRequest, prior: Prior) throws(PlaygroundError) -> SimulationOptions {
        let trialsValue = request.trials ?? 1e6
        guard trialsValue >= 1, trialsValue == trialsValue.rounded(), trialsValue <= Double(limits.maxTrials) else {
            throw PlaygroundError(
                .unprocessable,
                "trials: \(trialsValue) is not a whole number from 1 to \(NumberFormat.grouped(limits.maxTrials)), the playground's limit"
            )
        }
        let trials = Int(trialsValue)
        guard let method = SamplingMethod(rawValue: request.method ?? "random") else {
            throw PlaygroundError(
                .unprocessable,
                "method: \"\(request.method ?? "")\" is not one of \(SamplingMethod.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var percentiles = Percentile.defaults
        if let values = request.percentiles {
            do {
                percentiles = try Percentile.parseList(
                    values.map { NumberFormat.exact($0).replacingOccurrences(of: ".0", with: "") }.joined(
                        separator: ","))
            } catch { throw PlaygroundError(.unprocessable, "percentiles: \(error)") }
        }
        var thresholds: [Threshold] = []
        for text in request.exceed ?? [] {
            do { thresholds.append(try Threshold(parsing: text)) } catch {
                throw PlaygroundError(.unprocessable, "exceed: \(error)")
            }
        }
        for threshold in thresholds where !prior.reports(threshold.output) {
            throw PlaygroundError(
                .unprocessable, "exceed: \(threshold.output.spec.name) is not an output this prior reports")
        }
        var options = SimulationOptions(
            trials: trials, seed: request.seed ?? 1, threads: ProcessInfo.processInfo.activeProcessorCount,
            percentiles: percentiles, method: method,
            summary: SummaryChoice.automatic(
                trials: trials, method: method, percentiles: percentiles, accuracy: SummaryMode.defaultAccuracy
            ).mode)
        options.thresholds = thresholds
        options.outputs = prior.reportedOutputs
        return options
    }

    /// Runs `prior` off the event loop in a run slot, as `session`'s current run of `kind`. A
    /// new "run" of a session cancels every run of that session (its plot and sensitivity
    /// too); another kind cancels the session's run of the same kind. A request waits up to
    /// ``PlaygroundLimits/slotWait`` for a slot, then is refused.
    private func simulate(_ prior: Prior, _ options: SimulationOptions, session: String?, kind: String)
        async throws(PlaygroundError) -> SimulationResult
    {
        let counter = ProgressCounter()
        let key = session.map { "\($0)/\(kind)" }
        if let session, let key {
            sessions.withLock { table in
                for (other, run) in table where other == key || (kind == "run" && other.hasPrefix(session + "/")) {
                    run.cancel()
                }
                table[key] = counter
            }
        }
        defer {
            if let key { sessions.withLock { if $0[key] === counter { $0[key] = nil } } }
        }
        let deadline = ContinuousClock.now + limits.slotWait
        while !running.withLock({ count in
            guard count < limits.maxConcurrentRuns else { return false }
            count += 1
            return true
        }) {
            if counter.isCancelled {
                throw PlaygroundError(.superseded, "a newer request of this session cancelled this run")
            }
            guard ContinuousClock.now < deadline else {
                throw PlaygroundError(.busy, "all \(limits.maxConcurrentRuns) run slots are busy; try again")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        defer { running.withLock { $0 -= 1 } }
        var options = options
        options.progress = counter
        let frozen = options
        let outcome: Result<SimulationResult, PriorError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread {
                    WorkerThreads.nameCurrentThread("aisim-run")
                    continuation.resume(
                        returning: Result { () throws(PriorError) in try Simulation.run(prior, options: frozen) })
                }.start()
            }
        } onCancel: {
            counter.cancel()
        }
        switch outcome {
        case .success(let result): return result
        case .failure where counter.isCancelled:
            throw PlaygroundError(.superseded, "a newer request of this session cancelled this run")
        case .failure(let error): throw PlaygroundError(.unprocessable, "\(error)")
        }
    }
}
