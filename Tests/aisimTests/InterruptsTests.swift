import Foundation
import Testing

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT: exit 128 + the signal, one line, every temporary file
/// removed and no output file left, whether the signal comes while simulating or while the
/// files are being written.
@Suite("Signals")
struct InterruptsTests {
    static let signals: [(Int32, Int32, String)] = [
        (SIGINT, 130, "aisim: interrupted"), (SIGTERM, 143, "aisim: terminated (SIGTERM)"),
        (SIGHUP, 129, "aisim: hung up (SIGHUP)"), (SIGQUIT, 131, "aisim: quit (SIGQUIT)"),
    ]

    /// Starts aisim with `arguments` in `directory`, sends `signal` after `delay` seconds, and
    /// returns its exit status and stderr.
    static func interrupt(_ arguments: [String], in directory: URL, signal: Int32, after delay: Double) throws -> (
        Int32, String
    ) {
        let process = Process()
        process.executableURL = aisimBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, signal)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }

    @Test("a signal while simulating: exit 128 + signal, one line, no output file", arguments: signals)
    func simulating(_ signal: Int32, _ status: Int32, _ message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (exit, stderr) = try Self.interrupt(
            ["--trials", "1e9", "--summary", "sketch", "--output", "run.txt", "--svg", "run.svg"],
            in: directory, signal: signal, after: 1)
        #expect(exit == status)
        #expect(stderr == message + "\n")
        #expect(try listing(directory).isEmpty)
    }

    @Test("a signal while the files are written removes the temporary files and leaves no output", arguments: signals)
    func writing(_ signal: Int32, _ status: Int32, _ message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A named pipe with no reader holds aisim inside its write phase: the report's Markdown
        // is already in its temporary file when the write to the SVG (the pipe) blocks.
        #expect(mkfifo(directory.appendingPathComponent("r.svg").path, 0o644) == 0)
        let (exit, stderr) = try Self.interrupt(
            ["report", "--out", "r.md", "--trials", "1e4"], in: directory, signal: signal, after: 3)
        #expect(exit == status)
        #expect(stderr == message + "\n")
        #expect(try listing(directory) == ["r.svg"])
    }

    @Test("SIGQUIT gives no crash dump and does not let the run go on")
    func quit() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (exit, stderr) = try Self.interrupt(
            ["--trials", "1e9", "--summary", "sketch"], in: directory, signal: SIGQUIT, after: 1)
        #expect(exit == 131 && stderr == "aisim: quit (SIGQUIT)\n")
    }
}
