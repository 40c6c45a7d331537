import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A response: its status, headers and whole body.
struct LiveResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer
}

/// Requests to a live playground server through AsyncHTTPClient, with a deadline of two
/// minutes: HummingbirdTesting's own clients give up after 15–20 s, and the other suites'
/// synchronous tests can hold the test process's two cooperative threads, which the server's
/// handlers need, for longer than that.
struct LiveClient {
    let port: Int

    /// Runs `test` against `application` on a free loopback port.
    static func test(
        _ application: some ApplicationProtocol, _ test: @escaping @Sendable (LiveClient) async throws -> Void
    )
        async throws
    {
        try await application.test(.live) { client in
            guard let port = client.port else { throw HTTPError(.internalServerError) }
            try await test(LiveClient(port: port))
        }
    }

    /// Sends one request and hands its response to `check`.
    func execute(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        _ check: (LiveResponse) async throws -> Void = { _ in }
    ) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(uri)")
        request.method = .init(rawValue: method.rawValue)
        for field in headers { request.headers.add(name: field.name.rawName, value: field.value) }
        if let body { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, deadline: .now() + .minutes(2))
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let bytes = try await response.body.collect(upTo: 64 << 20)
        try await check(LiveResponse(status: .init(code: Int(response.status.code)), headers: fields, body: bytes))
    }
}
