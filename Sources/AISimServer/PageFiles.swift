/// One file of the playground's page: Sources/AISimServer/Page/, compiled into the binary by
/// SwiftPM (`.embedInCode` resources, reached through `PackageResources`).
struct PageFiles: Sendable {
    /// The file's name in Page/.
    let name: String
    /// Where the server serves it.
    let path: String
    let contentType: String
    let text: String

    /// The page's files.
    static let all: [PageFiles] = [
        PageFiles(
            name: "index.html", path: "/", contentType: "text/html; charset=utf-8",
            text: String(decoding: PackageResources.index_html, as: UTF8.self)),
        PageFiles(
            name: "app.js", path: "/app.js", contentType: "text/javascript; charset=utf-8",
            text: String(decoding: PackageResources.app_js, as: UTF8.self)),
        PageFiles(
            name: "style.css", path: "/style.css", contentType: "text/css; charset=utf-8",
            text: String(decoding: PackageResources.style_css, as: UTF8.self)),
    ]
}
