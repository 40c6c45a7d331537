import Foundation
import Testing

/// `aisim watch FILE`: a result per save, the same numbers as a plain run of the saved file, a
/// broken or missing file waited out, Ctrl-C's exit status, and on a terminal the redraw in
/// place with the changes marked.
@Suite("aisim watch")
struct WatchTests {
    /// The prior each test starts from, one it edits it to, and a save that does not load.
    static let first = "title = \"watched\"\n[inputs]\nhorizon = \"10 to 1000\"\n"
    static let second = "title = \"watched\"\n[inputs]\nhorizon = \"100 to 10000\"\n"
    static let broken = "title = \"watched\"\n[inputs]\nhorizon = \"10 to\"\n"

    /// Everything a running process has printed so far, read as it arrives.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        /// Starts reading `pipe` into this buffer.
        init(_ pipe: Pipe) {
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let chunk = handle.availableData
                guard let self, !chunk.isEmpty else { return }
                self.lock.lock()
                self.data.append(chunk)
                self.lock.unlock()
            }
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// A scratch directory holding `p.toml` saved as ``first``, and a process started in it
    /// with its output captured. ``close()`` kills the process if it still runs and removes the
    /// directory.
    final class Session {
        let directory: URL
        let file: URL
        let process = Process()
        let stdout: Captured
        let stderr: Captured

        init(_ arguments: [String], executable: URL = aisimBinary) throws {
            directory = try temporaryDirectory()
            file = directory.appendingPathComponent("p.toml")
            let (out, err) = (Pipe(), Pipe())
            stdout = Captured(out)
            stderr = Captured(err)
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = out
            process.standardError = err
            do {
                try WatchTests.save(WatchTests.first, to: file)
                try process.run()
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
        }

        func close() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Polls `condition` every 50 ms for up to `seconds`: whether it came true.
    static func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    /// Saves `text` as an editor does: a new file renamed over the old one.
    static func save(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Waits up to 10 s for `process` to exit: whether it did.
    static func exited(_ process: Process) -> Bool {
        eventually(10) { !process.isRunning }
    }

    @Test(
        "each save reruns: the plain run's table, a broken save's one-line error, a missing file waited out, Ctrl-C 130"
    )
    func saves() throws {
        let session = try Session(["watch", "p.toml", "--trials", "1e4"])
        defer { session.close() }
        let (directory, file, process) = (session.directory, session.file, session.process)
        let (stdout, stderr) = (session.stdout, session.stderr)
        let plain = ["--prior", "p.toml", "--trials", "1e4"]
        let firstTable = try aisim(plain, in: directory)
        #expect(firstTable.status == 0)

        try #require(Self.eventually { stdout.text == firstTable.stdout }, "run 1: \(stdout.text.suffix(300))")

        try Self.save(Self.second, to: file)
        let secondTable = try aisim(plain, in: directory)
        #expect(secondTable.stdout != firstTable.stdout, "the edit changes the numbers")
        var expected = firstTable.stdout + "--- run 2 (p.toml changed) ---\n" + secondTable.stdout
        try #require(Self.eventually { stdout.text == expected }, "run 2: \(stdout.text.suffix(300))")

        // A save written in place (no rename) that does not load: the run's own error line.
        try Self.broken.write(to: file, atomically: false, encoding: .utf8)
        let failed = try aisim(plain, in: directory)
        #expect(failed.status == 1 && failed.stderr.hasPrefix("aisim: error: p.toml:3:"), "\(failed.stderr)")
        try #require(Self.eventually { stderr.text == failed.stderr }, "run 3: \(stderr.text)")
        #expect(process.isRunning && stdout.text == expected)

        // Deleted mid-edit: nothing happens until the file is back.
        try FileManager.default.removeItem(at: file)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(process.isRunning && stdout.text == expected && stderr.text == failed.stderr)
        try Self.save(Self.first, to: file)
        expected += "--- run 4 (p.toml changed) ---\n" + firstTable.stdout
        try #require(Self.eventually { stdout.text == expected }, "run 4: \(stdout.text.suffix(300))")

        process.interrupt()
        try #require(Self.exited(process), "Ctrl-C stops watching")
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        #expect(stderr.text == failed.stderr + "aisim: interrupted\n")
    }

    @Test("a save during a long run stops it, and the saved file runs at once")
    func saveDuringRun() throws {
        // 1e9 trials take minutes even in a release build.
        let session = try Session(["watch", "p.toml", "--trials", "1e9", "--threads", "2"])
        defer { session.close() }
        let (process, stdout, stderr) = (session.process, session.stdout, session.stderr)
        // Run 1 is drawing once a worker thread of its own is there.
        let tasks = "/proc/\(process.processIdentifier)/task"
        let drawing = {
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
            return threads.contains {
                (try? String(contentsOfFile: "\(tasks)/\($0)/comm", encoding: .utf8)) == "aisim-worker\n"
            }
        }
        try #require(Self.eventually(20, drawing), "run 1 never started drawing: \(stderr.text)")
        try Self.save(Self.broken, to: session.file)
        let broken = try aisim(["--prior", "p.toml"], in: session.directory)
        let expected = "aisim: run 1 stopped: p.toml was saved during it\n" + broken.stderr
        try #require(Self.eventually { stderr.text == expected }, "\(stderr.text)")
        #expect(stdout.text.isEmpty, "the stopped run shows no result")
        process.interrupt()
        try #require(Self.exited(process), "Ctrl-C stops watching")
        #expect(process.terminationStatus == 130)
    }

    @Test("--poll sees saves without inotify, and SIGTERM exits 143")
    func polling() throws {
        let session = try Session(["watch", "p.toml", "--trials", "1e3", "--poll", "--outputs", "streams"])
        defer { session.close() }
        let (process, stdout) = (session.process, session.stdout)
        try #require(Self.eventually { stdout.text.contains("horizon") }, "run 1: \(stdout.text)")
        try Self.save(Self.second, to: session.file)
        try #require(
            Self.eventually { stdout.text.contains("--- run 2 (p.toml changed) ---\n") }, "run 2: \(stdout.text)")
        process.terminate()
        try #require(Self.exited(process))
        #expect(process.terminationStatus == 143)
    }

    @Test("on a terminal it redraws in place and marks each change with its percentage, and chance-sized ones as such")
    func terminal() throws {
        // script(1) gives aisim a pseudo-terminal and writes the screen to `log`; the shell
        // writes its pid, which exec hands on.
        let session = try Session(
            ["-qfec", "echo $$ > pid; exec '\(aisimBinary.path)' watch p.toml --trials 1e4 --quiet", "log"],
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        defer { session.close() }
        let (directory, file, process) = (session.directory, session.file, session.process)
        let log = directory.appendingPathComponent("log")
        let screen = { (try? String(contentsOf: log, encoding: .utf8))?.replacingOccurrences(of: "\r", with: "") ?? "" }

        try #require(Self.eventually { screen().contains("resolved") || screen().contains("horizon") })
        try #require(Self.eventually { screen().contains("· run 1 at ") })
        try Self.save(Self.second, to: file)
        try #require(Self.eventually { screen().contains("changes since run 1") }, "\(screen().suffix(500))")
        // A change a thousandth the width of the interval before: inside Monte Carlo error.
        try Self.save(Self.second.replacingOccurrences(of: "10000", with: "10000.01"), to: file)
        try #require(Self.eventually { screen().contains("changes since run 2") }, "\(screen().suffix(500))")

        let text = screen()
        #expect(text.components(separatedBy: "\u{1B}[H\u{1B}[2J").count - 1 >= 3, "one redraw per run")
        let runTwo = try #require(text.range(of: "changes since run 1")).upperBound
        let runThree = try #require(text.range(of: "changes since run 2")).lowerBound
        let marks = String(text[runTwo..<runThree])
        #expect(
            marks.range(of: #"  p50 +[0-9.e+-]+ → [0-9.e+-]+ \([+-][0-9.]+%\)"#, options: .regularExpression) != nil,
            "\(marks)")
        #expect(marks.contains("→") && !marks.contains(", within Monte Carlo error)"), "a tenfold edit is no chance")
        #expect(
            text[runThree...].contains("10 changes within Monte Carlo error, the largest p"), "\(text[runThree...])")

        let pid = try #require(
            Int32(
                try String(contentsOf: directory.appendingPathComponent("pid"), encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        kill(pid, SIGINT)
        try #require(Self.exited(process))
        #expect(process.terminationStatus == 130)
    }
}
