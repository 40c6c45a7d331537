import AISimCore
import AISimReport
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The web playground: the page, the API it uses and, with a prior file, that file.
///
/// Routes (every API body is JSON, every answer too, but for the page and the SVG):
///
/// - `GET /`, `/app.js`, `/style.css`: the page, embedded in the binary.
/// - `POST /api/run`, `/api/check`, `/api/svg`, `/api/sensitivity`, `/api/report`,
///   `/api/samples`: a ``PlaygroundRequest``; the answer is exactly what the CLI prints or
///   writes for the same prior and flags (the report's Markdown; the `--samples` .npy file).
/// - `GET /api/gallery`, `GET /api/gallery/NAME`: the built-in priors, and one's text.
/// - `GET /api/file`, `PUT /api/file`: the prior file `aisim serve FILE` tunes, with its
///   SHA-256 (the page polls it to see saves made elsewhere); without FILE, 204 and 404.
///
/// A refused request is `{"error": "<one line>"}` with 400 (malformed), 413 (too large), 422
/// (a bad prior, flag or trial count), 503 (busy) or 409 (superseded). Every response carries
/// `Content-Security-Policy: default-src 'self'`.
public enum PlaygroundServer {
    /// The router of a playground with `engine`, tuning `file` if given.
    public static func router(engine: PlaygroundEngine, file: PriorFile?) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ContentSecurityMiddleware())
        for page in PageFiles.all {
            router.get(RouterPath(page.path)) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: page.contentType, .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: page.text)))
            }
        }
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        router.post("api/run") { request, _ in
            try await answer(request, engine) { ByteBuffer(string: try await engine.run($0)) }
        }
        router.post("api/svg") { request, _ in
            try await answer(request, engine, contentType: "image/svg+xml") {
                ByteBuffer(string: try await engine.svg($0))
            }
        }
        router.post("api/sensitivity") { request, _ in
            try await answer(request, engine) { ByteBuffer(string: try await engine.sensitivity($0)) }
        }
        router.post("api/report") { request, _ in
            try await answer(request, engine, contentType: "text/markdown; charset=utf-8") {
                ByteBuffer(string: try await engine.report($0))
            }
        }
        router.post("api/samples") { request, _ in
            try await answer(request, engine, contentType: "application/octet-stream") { request in
                ByteBuffer(bytes: try await engine.samples(request))
            }
        }
        router.post("api/check") { request, _ in
            try await answer(request, engine) { ByteBuffer(string: try engine.check($0)) }
        }
        router.get("api/gallery") { _, _ in
            json(.ok, Gallery.listing)
        }
        router.get("api/gallery/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let text = Gallery.text(of: name) else {
                return json(.notFound, error("no built-in prior is called \"\(name)\""))
            }
            return Response(
                status: .ok, headers: [.contentType: "application/toml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("api/file") { _, _ in
            guard let file else { return Response(status: .noContent) }
            do { return json(.ok, try file.state()) } catch {
                return json(.unprocessableContent, PlaygroundServer.error("\(error)"))
            }
        }
        router.put("api/file") { request, _ in
            guard let file else {
                return json(
                    .notFound, error("aisim serve was started without a prior file; the page downloads instead"))
            }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: engine.limits.maxBodyBytes) } catch {
                return json(
                    .contentTooLarge,
                    PlaygroundServer.error("the body is larger than \(engine.limits.maxBodyBytes) bytes"))
            }
            do { return json(.ok, try file.save(String(buffer: body))) } catch {
                return json(.unprocessableContent, PlaygroundServer.error("\(error)"))
            }
        }
        return router
    }

    /// A playground application on `host`:`port`; `onRunning` hears the bound address.
    public static func application(
        engine: PlaygroundEngine, file: PriorFile?, host: String, port: Int,
        onRunning: @escaping @Sendable (String) async -> Void
    ) -> some ApplicationProtocol {
        Application(
            router: router(engine: engine, file: file),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let address = channel.localAddress
                await onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(address?.port ?? port)/")
            },
            logger: .init(label: "aisim.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Reads a request body as a ``PlaygroundRequest`` and answers with `work`'s text, or the
    /// refusal's status and one line.
    ///
    /// A client that closes its connection before the answer cancels `work`, so its run stops
    /// at its next block instead of holding a slot to the end. Watching the connection means the
    /// server closes it after the answer, which says `Connection: close`.
    private static func answer(
        _ request: Request, _ engine: PlaygroundEngine, contentType: String = "application/json",
        _ work: @Sendable (PlaygroundRequest) async throws -> ByteBuffer
    ) async throws -> Response {
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            return json(
                .unsupportedMediaType,
                PlaygroundServer.error("send the request as JSON (Content-Type: application/json)"))
        }
        var response = try await request.body.consumeWithCancellationOnInboundClose { body in
            try await answer(body, engine, contentType: contentType, work)
        }
        response.headers[.connection] = "close"
        return response
    }

    private static func answer(
        _ requestBody: RequestBody, _ engine: PlaygroundEngine, contentType: String,
        _ work: @Sendable (PlaygroundRequest) async throws -> ByteBuffer
    ) async throws -> Response {
        let body: ByteBuffer
        do { body = try await requestBody.collect(upTo: engine.limits.maxBodyBytes) } catch {
            return json(
                .contentTooLarge, PlaygroundServer.error("the body is larger than \(engine.limits.maxBodyBytes) bytes"))
        }
        let decoded: PlaygroundRequest
        do { decoded = try JSONDecoder().decode(PlaygroundRequest.self, from: Data(buffer: body)) } catch {
            return json(
                .badRequest,
                PlaygroundServer.error("the body is not the JSON this endpoint takes: \(error.localizedDescription)"))
        }
        do {
            return Response(
                status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: try await work(decoded)))
        } catch let error as PlaygroundError {
            let status: HTTPResponse.Status =
                switch error.kind {
                case .malformed: .badRequest
                case .tooLarge: .contentTooLarge
                case .unprocessable: .unprocessableContent
                case .busy: .serviceUnavailable
                case .superseded: .conflict
                }
            return json(status, PlaygroundServer.error(error.message))
        }
    }

    /// `{"error": message}`.
    static func error(_ message: String) -> JSONValue { .object([("error", .string(message))]) }

    /// A JSON response.
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: value.serialized() + "\n")))
    }
}

extension Gallery {
    /// Every built-in prior's name and title, as `GET /api/gallery` lists them.
    static var listing: JSONValue {
        .array(
            names.map { name in
                let title = ((try? load(name)) ?? nil)?.shownTitle ?? name
                return .object([("name", .string(name)), ("title", .string(title))])
            })
    }
}
