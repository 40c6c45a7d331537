/// One file of the playground's page, embedded in the binary by `.ci/embed-page` from
/// Sources/AISimServer/Page/.
struct PageFiles: Sendable {
    /// The file's name in Page/.
    let name: String
    /// Where the server serves it.
    let path: String
    let contentType: String
    let text: String
}
