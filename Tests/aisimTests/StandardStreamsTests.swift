import Foundation
import Testing

/// Standard output that cannot be written: every command exits 1 with one line, never a trap
/// (Foundation's non-throwing write used to kill aisim with SIGILL, exit 132) and never 0.
@Suite("Standard output")
struct StandardStreamsTests {
    /// Every command that prints, with arguments that make it quick.
    static let commands: [String] = [
        "--trials 1e4", "--trials 1e4 --format json", "--trials 1e4 --format csv", "--trials 1e4 --plot",
        "--trials 1e4 --ci", "--trials 1e4 --sensitivity", "check", "check --format json", "explain", "explain --post",
        "sweep --vary horizon=1,10 --trials 1e4", "sensitivity --trials 1e4", "--help", "run --help", "--version",
    ]

    @Test("stdout on a full disk (/dev/full): exit 1, one line, no trap", arguments: commands)
    func full(_ command: String) throws {
        let result = try shell("$AISIM \(command) >/dev/full")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "aisim: error: stdout: cannot write: No space left on device\n")
    }

    @Test("stdout closed (>&-): exit 1, one line, and no file is written on descriptor 1", arguments: commands)
    func closed(_ command: String) throws {
        let result = try shell("$AISIM \(command) >&-")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "aisim: error: stdout: cannot write: standard output is closed\n")
    }

    @Test("merge of a valid shard to /dev/full: exit 1, one line")
    func mergeFull() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try aisim(["--trials", "1e4", "--out", "a.shard"], in: directory).status == 0)
        let result = try shell("$AISIM merge a.shard >/dev/full", in: directory)
        #expect(result.status == 1 && result.stderr == "aisim: error: stdout: cannot write: No space left on device\n")
    }

    @Test("a reader that goes away early (SIGPIPE ignored): exit 1 with 'Broken pipe', not death by signal")
    func brokenPipe() throws {
        // 1e3 percentiles make a table far larger than a pipe's buffer, so the write meets the closed pipe.
        let list = (1...999).map { String(format: "%.1f", Double($0) / 10) }.joined(separator: ",")
        let result = try shell(
            "($AISIM --trials 1e4 --format csv --percentiles \(list); echo \"aisim $?\" >&2) | head -c 1 >/dev/null")
        #expect(result.stderr == "aisim: error: stdout: cannot write: Broken pipe\naisim 1\n", "\(result.stderr)")
    }
}
