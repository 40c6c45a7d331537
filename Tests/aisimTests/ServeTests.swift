import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `aisim serve`, end to end: the built binary on a free loopback port, over real HTTP, and
/// its page in a real headless Chromium (Tests/Browser/playground.py).
@Suite("aisim serve", .serialized)
struct ServeTests {
    /// A running `aisim serve` and the address it printed.
    final class Server {
        let process = Process()
        let url: URL
        let stderr: Pipe
        /// What it printed on stderr up to its address.
        let banner: String

        init(_ arguments: [String] = [], in directory: URL = repositoryRoot) throws {
            process.executableURL = aisimBinary
            process.arguments = ["serve", "--port", "0"] + arguments
            process.currentDirectoryURL = directory
            stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var text = ""
            while !text.contains("Ctrl-C stops it)\n") {
                let chunk = stderr.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            banner = text
            let address = text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://") }
            url = URL(string: String(address ?? "http://invalid/")) ?? URL(fileURLWithPath: "/")
        }

        func stop() -> Int32 {
            if process.isRunning { process.interrupt() }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// POSTs `body` to `path` and returns the status and text.
    func post(_ url: URL, _ path: String, _ body: String) async throws -> (Int, String) {
        var request = URLRequest(url: url.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test(
        "POST /api/run is byte for byte the CLI's --format json for the same prior, trials and seed; Ctrl-C exits 130")
    func sameAsCLI() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let prior = "title = \"t\"\n[inputs]\nhorizon = \"1 to 100\"\nai_share = \"uniform(0.1, 0.5)\"\n"
        try prior.write(to: directory.appendingPathComponent("prior.toml"), atomically: true, encoding: .utf8)
        let expected = try aisim(
            [
                "--prior", "prior.toml", "--trials", "2e4", "--seed", "3", "--format", "json", "--exceed",
                "streams>=1e7",
            ],
            in: directory)
        let server = try Server()
        let body = try JSONSerialization.data(withJSONObject: [
            "prior": prior, "trials": 20_000, "seed": 3, "exceed": ["streams>=1e7"],
        ])
        let (status, text) = try await post(server.url, "api/run", String(decoding: body, as: UTF8.self))
        #expect(status == 200)
        #expect(text == expected.stdout)
        // The samples download is the --samples file, byte for byte.
        _ = try aisim(
            ["--prior", "prior.toml", "--trials", "2e4", "--seed", "3", "--samples", "cli.npy"], in: directory)
        var samples = URLRequest(url: server.url.appendingPathComponent("api/samples"))
        samples.httpMethod = "POST"
        samples.setValue("application/json", forHTTPHeaderField: "Content-Type")
        samples.httpBody = try JSONSerialization.data(withJSONObject: ["prior": prior, "trials": 20_000, "seed": 3])
        let (npy, _) = try await URLSession.shared.data(for: samples)
        #expect(npy == (try Data(contentsOf: directory.appendingPathComponent("cli.npy"))))
        let (bad, error) = try await post(server.url, "api/run", "{\"prior\": \"[inputs]\\nhorizon = 1 to 5\\n\"}")
        #expect(bad == 422 && error.contains("prior.toml:2"), "\(error)")
        #expect(server.stop() == 130)
    }

    @Test("--host beyond loopback warns; a port in use is one line and exit 1")
    func hostAndPort() throws {
        let open = try Server(["--host", "0.0.0.0"])
        #expect(open.stop() == 130)
        #expect(
            open.banner.hasPrefix("aisim: warning: --host 0.0.0.0 serves the playground to the network"),
            "\(open.banner)")
        let local = try Server()
        #expect(local.banner.hasPrefix("aisim: serving the playground at http://127.0.0.1:"), "\(local.banner)")
        #expect(local.stop() == 130)
        let first = try Server()
        defer { _ = first.stop() }
        let port = try #require(first.url.port)
        let second = try aisim(["serve", "--port", "\(port)"])
        #expect(
            second.status == 1 && second.stderr.hasPrefix("aisim: error: the playground stopped"), "\(second.stderr)")
        #expect(second.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("stalled headers, a short body, a client gone mid-run and garbage leave the server serving")
    func hostileClients() throws {
        let server = try Server()
        let script = repositoryRoot.appendingPathComponent("Tests/Browser/hostile_clients.py").path
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, server.url.absoluteString], in: repositoryRoot,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.stop() == 130)
    }

    @Test("beside two long runs the server answers at once; a client that hangs up stops its run")
    func runLifetimes() throws {
        let server = try Server()
        let script = repositoryRoot.appendingPathComponent("Tests/Browser/run_lifetimes.py").path
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", script, server.url.absoluteString, "\(server.process.processIdentifier)"], in: repositoryRoot,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.stop() == 130)
    }

    @Test(
        "the page in headless Chromium: the CLI's numbers, an edit, a broken line, the fix, the share link, an XSS title"
    )
    func browser() throws {
        let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: screenshot) }
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", repositoryRoot.appendingPathComponent("Tests/Browser/playground.py").path, aisimBinary.path,
                screenshot.path,
            ],
            in: repositoryRoot, environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("playground: every check passed"))
        #expect(FileManager.default.fileExists(atPath: screenshot.path))
    }
}
