import AISimCore
import AISimServer
import ArgumentParser
import Foundation
import Synchronization

extension AISim {
    /// The local web playground.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Tune a prior in the browser: a local web playground that re-simulates as you type.",
            discussion: """
                Opens a web server on 127.0.0.1 (the page, and the API it uses: POST /api/run, \
                /api/check, /api/svg, /api/sensitivity with {"prior": "<toml>", "trials": N, \
                "seed": S, ...}, and GET /api/gallery). Every edit runs 1e5 trials at once, then \
                the chosen count; each number shows its 95% Monte Carlo interval. With FILE, the \
                page edits that file, Save writes it back (atomically), and a save made elsewhere \
                reloads the page's copy. Without FILE it starts from the built-in prior and Save \
                downloads.

                Limits: request bodies up to 256 KB (413 beyond), up to 1e7 trials a request \
                (422 beyond), as many runs at once as cores (others wait up to 5 s, then 503). --host other than \
                127.0.0.1 or ::1 serves the network and prints a warning. Ctrl-C stops it.

                Examples:
                  aisim serve
                  aisim serve my.toml --port 8081
                """
        )

        @Argument(help: "The prior file to tune (optional).")
        var file: String?

        @Option(name: .long, help: "The port (0 picks a free one, printed on start).")
        var port: Int = 8080

        @Option(name: .long, help: "The address to listen on.")
        var host: String = "127.0.0.1"

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port \(port): give 0 to 65535") }
            guard !host.isEmpty else { throw ValidationError("--host: give an address, as 127.0.0.1") }
        }

        func run() throws {
            let priorFile = try file.map { path throws(PriorError) in
                _ = try Prior.load(path: path)
                return try PriorFile(path: path)
            }
            if !["127.0.0.1", "::1", "localhost"].contains(host) {
                StandardStreams.note(
                    "aisim: warning: --host \(host) serves the playground to the network: anyone who can reach it can run simulations\(file.map { " and overwrite \($0)" } ?? "")\n"
                )
            }
            let engine = PlaygroundEngine(
                limits: PlaygroundLimits(maxConcurrentRuns: ProcessInfo.processInfo.activeProcessorCount),
                priorName: file.map { ($0 as NSString).lastPathComponent } ?? "prior.toml")
            let app = PlaygroundServer.application(engine: engine, file: priorFile, host: host, port: port) { url in
                StandardStreams.note("aisim: serving the playground at \(url) (Ctrl-C stops it)\n")
            }
            let finished = DispatchSemaphore(value: 0)
            let failure = Mutex<String?>(nil)
            Task {
                do { try await app.runService() } catch { failure.withLock { $0 = "\(error)" } }
                finished.signal()
            }
            finished.wait()
            if let message = failure.withLock({ $0 }) {
                throw ServeFailure(
                    message: "the playground stopped: \(message) (is port \(port) in use? --port 0 picks a free one)")
            }
        }
    }
}

/// The server could not start or stopped with an error: exit 1, one line.
struct ServeFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
