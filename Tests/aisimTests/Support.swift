import Foundation
import Testing

/// The repository's root.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// What a run of the built `aisim` binary printed and how it exited.
struct Invocation {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// The `aisim` binary SwiftPM built beside the test bundle.
let aisimBinary: URL = {
    let directory = Bundle.main.bundleURL
    let candidates = [
        directory.appendingPathComponent("aisim"),
        directory.deletingLastPathComponent().appendingPathComponent("aisim"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
}()

/// Runs `aisim` with `arguments` in `directory` (the repository root by default).
func aisim(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String]? = nil) throws
    -> Invocation
{
    try run(aisimBinary, arguments, in: directory, environment: environment ?? [:])
}

/// Runs `executable` with `arguments` in `directory`, with `environment` added to this
/// process's, and collects what it printed.
func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]) throws
    -> Invocation
{
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a large output cannot fill a pipe and stall the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A temporary directory for one test, removed when the test ends.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("aisim-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The SHA-256 of distributions/finnveden-2023.toml, from coreutils' sha256sum.
func embeddedSHA256() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [repositoryRoot.appendingPathComponent("distributions/finnveden-2023.toml").path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

/// The JSON object `text` holds, failing the test if it holds something else.
func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// Expects a usage error: exit 64, nothing on stdout, and one line on stderr that starts with
/// `aisim: error: ` and contains `expected`.
func expectUsageError(_ result: Invocation, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 64, sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(
        result.stderr.hasPrefix("aisim: error: ") && result.stderr.contains(expected), "\(result.stderr)",
        sourceLocation: sourceLocation)
    #expect(result.stderr.filter { $0 == "\n" }.count == 1, sourceLocation: sourceLocation)
}

/// Runs `script` with /bin/sh in `directory`, with `$AISIM` naming the built binary, for
/// tests that need the shell's redirections (`>/dev/full`, `>&-`) or its job control.
func shell(_ script: String, in directory: URL = repositoryRoot) throws -> Invocation {
    try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory, environment: ["AISIM": aisimBinary.path])
}

/// The names in `directory`, sorted, hidden files included.
func listing(_ directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// Expects a failed write: exit 1, nothing on stdout, and one line on stderr that starts with
/// `aisim: error: ` and contains `expected`.
func expectWriteError(_ result: Invocation, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(
        result.stderr.hasPrefix("aisim: error: ") && result.stderr.contains(expected), "\(result.stderr)",
        sourceLocation: sourceLocation)
    #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
}
