import AISimCore
import AISimReport
import AISimServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The playground's API over real HTTP (AsyncHTTPClient against the live server): every endpoint
/// and every refusal.
@Suite("Playground server")
struct PlaygroundServerTests {
    static let prior = "title = \"t\"\n[inputs]\nhorizon = \"1 to 100\"\nworld_flops = \"2e21 to 8e21\"\n"

    func app(file: PriorFile? = nil, limits: PlaygroundLimits = PlaygroundLimits(maxConcurrentRuns: 2))
        -> some ApplicationProtocol
    {
        PlaygroundServer.application(
            engine: PlaygroundEngine(limits: limits), file: file, host: "127.0.0.1", port: 0, onRunning: { _ in })
    }

    func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("POST /api/run answers exactly the run's JSON for the same prior, trials and seed")
    func run() async throws {
        let prior = try Prior.parse(Self.prior, source: "prior.toml")
        var options = SimulationOptions(trials: 20_000, seed: 7)
        options.outputs = prior.reportedOutputs
        let expected = RunReport(prior: prior, result: try Simulation.run(prior, options: options)).json()
        try await LiveClient.test(app()) { client in
            let request = try body(["prior": Self.prior, "trials": 20_000, "seed": 7])
            try await client.execute(uri: "/api/run", method: .post, headers: Self.json, body: request) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == expected)
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(response.headers[.connection] == "close", "the server watched the connection, so it closes it")
            }
        }
    }

    @Test("check, svg, sensitivity and the gallery answer what the CLI would print")
    func endpoints() async throws {
        let checked = PriorCheck(try Prior.parse(Self.prior, source: "prior.toml")).json()
        try await LiveClient.test(app()) { client in
            let request = try body(["prior": Self.prior, "trials": 5000])
            try await client.execute(uri: "/api/check", method: .post, headers: Self.json, body: request) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == checked)
            }
            try await client.execute(uri: "/api/svg", method: .post, headers: Self.json, body: request) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/svg+xml")
                #expect(
                    String(buffer: response.body).hasPrefix("<svg") || String(buffer: response.body).hasPrefix("<?xml"))
            }
            try await client.execute(uri: "/api/sensitivity", method: .post, headers: Self.json, body: request) {
                response in
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["sensitivity"] != nil && json["outputs"] == nil)
            }
            try await client.execute(uri: "/api/gallery", method: .get) { response in
                let list = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: String]])
                #expect(list.map { $0["name"] } == Gallery.names)
            }
            try await client.execute(uri: "/api/gallery/long-horizon", method: .get) { response in
                #expect(String(buffer: response.body) == Gallery.text(of: "long-horizon"))
            }
            try await client.execute(uri: "/api/gallery/nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(
                    response.status == .ok && String(buffer: response.body).contains("<title>aisim playground</title>"))
            }
            try await client.execute(uri: "/app.js", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
            }
        }
    }

    @Test(
        "refusals: a bad prior 422 with its line, malformed JSON 400, wrong type 415, too large 413, too many trials 422",
        arguments: [
            (
                "{\"prior\": \"[inputs]\\nhorizon = \\\"1 to\\\"\\n\"}", "application/json",
                HTTPResponse.Status.unprocessableContent, "prior.toml:2"
            ),
            ("{\"prior\": 5}", "application/json", .badRequest, "not the JSON this endpoint takes"),
            ("not json", "application/json", .badRequest, "not the JSON"),
            ("{\"prior\": \"\"}", "text/plain", .unsupportedMediaType, "Content-Type: application/json"),
            ("{\"prior\": \"\", \"trials\": 1e9}", "application/json", .unprocessableContent, "the playground's limit"),
            ("{\"prior\": \"\", \"trials\": 2.5}", "application/json", .unprocessableContent, "not a whole number"),
            (
                "{\"prior\": \"\", \"method\": \"grid\"}", "application/json", .unprocessableContent,
                "random, lhs, sobol"
            ),
            ("{\"prior\": \"\", \"exceed\": [\"streams>>1\"]}", "application/json", .unprocessableContent, "exceed:"),
            (
                "{\"prior\": \"\", \"exceed\": [\"researcher_multiple>=1\"]}", "application/json",
                .unprocessableContent, "not an output this prior reports"
            ),
        ])
    func refusals(_ text: String, _ type: String, _ status: HTTPResponse.Status, _ message: String) async throws {
        try await LiveClient.test(app()) { client in
            try await client.execute(
                uri: "/api/run", method: .post, headers: [.contentType: type], body: ByteBuffer(string: text)
            ) { response in
                #expect(response.status == status)
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])
                #expect(json["error"]?.contains(message) == true, "\(json)")
                #expect(json["error"]?.contains("\n") == false)
            }
            // And the server goes on serving.
            try await client.execute(uri: "/api/gallery", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("the report is aisim report's Markdown; the samples are the --samples .npy bytes, and capped")
    func reportAndSamples() async throws {
        try await LiveClient.test(app()) { client in
            let request = try body(["prior": Self.prior, "trials": 5000, "seed": 2])
            try await client.execute(uri: "/api/report", method: .post, headers: Self.json, body: request) { response in
                let text = String(buffer: response.body)
                #expect(response.status == .ok && text.hasPrefix("# t\n") && text.contains("report.svg"))
                #expect(text.contains("## The model at the inputs' medians"))
            }
            try await client.execute(uri: "/api/samples", method: .post, headers: Self.json, body: request) {
                response in
                let bytes = Array(response.body.readableBytesView)
                #expect(response.status == .ok && bytes.starts(with: [0x93] + Array("NUMPY".utf8)))
                // The header's shape is the trial count.
                let header = String(decoding: bytes.prefix(2000), as: UTF8.self)
                #expect(header.contains("'shape': (5000,)"), "\(header)")
            }
            let many = try body(["prior": Self.prior, "trials": 1_000_000])
            try await client.execute(uri: "/api/samples", method: .post, headers: Self.json, body: many) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test("a body over 256 KB is 413, and the server goes on")
    func tooLarge() async throws {
        try await LiveClient.test(app()) { client in
            let huge = "{\"prior\": \"" + String(repeating: "#", count: 300_000) + "\"}"
            try await client.execute(uri: "/api/run", method: .post, headers: Self.json, body: ByteBuffer(string: huge))
            {
                #expect($0.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/api/check", method: .post, headers: Self.json, body: try body(["prior": Self.prior])
            ) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test("a run that waits past its slot wait is 503; a newer request of a session cancels the older (409)")
    func slotsAndSessions() async throws {
        // A loaded test pool can keep this task waiting until a long run has ended by itself, so
        // each check is tried up to five times; one that never holds fails.
        let engine = PlaygroundEngine(limits: PlaygroundLimits(maxConcurrentRuns: 1, slotWait: .milliseconds(50)))
        var refused = false
        for _ in 0..<5 where !refused {
            // A long run holds the only slot; cancelling its task gives the slot back.
            let holder = Task { await Self.outcome(engine, PlaygroundRequest(prior: Self.prior, trials: 1e7)) }
            try await Self.waitUntilRunning(engine)
            do {
                _ = try await engine.run(PlaygroundRequest(prior: Self.prior, trials: 1000))
            } catch {
                #expect(error == PlaygroundError(.busy, "all 1 run slots are busy; try again"))
                refused = true
            }
            holder.cancel()
            _ = await holder.value
        }
        #expect(refused, "a request beyond the slots is refused after the slot wait")
        #expect(engine.activeRuns == 0, "the cancelled run gave its slot back")
        let sessions = PlaygroundEngine(limits: PlaygroundLimits(maxConcurrentRuns: 2))
        var old = PlaygroundRequest(prior: Self.prior, trials: 1e7)
        old.session = "tab"
        var new = PlaygroundRequest(prior: Self.prior, trials: 1000)
        new.session = "tab"
        let frozenOld = old
        var stopped = false
        for _ in 0..<5 where !stopped {
            let superseded = Task { await Self.outcome(sessions, frozenOld) }
            try await Self.waitUntilRunning(sessions)
            _ = try await sessions.run(new)
            let replaced = ContinuousClock.now
            let outcome = await superseded.value
            // Success means the old run ended before the new one came: try again.
            if outcome.failure?.kind == .superseded {
                stopped = true
                #expect(ContinuousClock.now - replaced < .seconds(20), "it stopped at its next chunk, not its end")
            } else {
                #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
            }
        }
        #expect(stopped, "a newer request of the session cancelled the 1e7-trial run")
    }

    /// Waits (up to 20 s) until `engine` has a run in a slot.
    static func waitUntilRunning(_ engine: PlaygroundEngine) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while engine.activeRuns == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(engine.activeRuns == 1)
    }

    static func outcome(_ engine: PlaygroundEngine, _ request: PlaygroundRequest) async -> Result<
        String, PlaygroundError
    > {
        do { return .success(try await engine.run(request)) } catch { return .failure(error) }
    }

    @Test("with a prior file: GET reads it, PUT saves it atomically and only it")
    func file() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.toml").path
        try Self.prior.write(toFile: path, atomically: true, encoding: .utf8)
        try await LiveClient.test(app(file: try PriorFile(path: path))) { client in
            try await client.execute(uri: "/api/file", method: .get) { response in
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])
                #expect(json["text"] == Self.prior && json["name"] == "p.toml" && json["sha256"]?.count == 64)
            }
            let edited = Self.prior + "ai_share = 0.3\n"
            try await client.execute(uri: "/api/file", method: .put, body: ByteBuffer(string: edited)) { response in
                #expect(response.status == .ok)
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["p.toml"], "no temporary left")
        }
        try await LiveClient.test(app()) { client in
            try await client.execute(uri: "/api/file", method: .put, body: ByteBuffer(string: "x")) {
                #expect($0.status == .notFound)
            }
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
