import Foundation
import Testing

/// What a command writes: every destination checked before any work, files all or none and
/// before stdout, nothing left behind on failure, and a replaced file's mode kept.
@Suite("Delivery of files and stdout")
struct DeliveryTests {
    /// A run far too long to finish within a test: a refusal that comes back at once was made
    /// before any work.
    static let long = ["--trials", "1e9", "--summary", "sketch"]

    @Test(
        "two outputs on one file, or an output over an input, are flag errors (exit 64) before any work",
        arguments: [
            (["--output", "same.out", "--svg", "same.out"], "--svg same.out is the same file as --output same.out"),
            (["--output", "same.out", "--svg", "link.svg"], "--svg link.svg is the same file as --output same.out"),
            (["--output", "./same.out", "--svg", "sub/../same.out"], "is the same file as --output ./same.out"),
            (
                ["--prior", "p.toml", "--output", "p.toml"],
                "--output p.toml would overwrite --prior p.toml, which this command reads"
            ),
            (["--prior", "p.toml", "--svg", "hard.toml"], "--svg hard.toml would overwrite --prior p.toml"),
            (["--out", "p.toml", "--prior", "p.toml"], "--out p.toml would overwrite --prior p.toml"),
            (["report", "--out", "r.md", "--prior", "r.svg"], "its SVG r.svg would overwrite --prior r.svg"),
            (["report", "--out", "twin.md"], "its SVG twin.svg is the same file as --out twin.md"),
            (
                ["sweep", "--vary", "horizon=1,2", "--prior", "p.toml", "--output", "p.toml"],
                "--output p.toml would overwrite --prior p.toml"
            ),
            (
                ["sensitivity", "--prior", "p.toml", "--output", "link.toml"],
                "--output link.toml would overwrite --prior p.toml"
            ),
        ])
    func samePath(_ arguments: [String], _ expected: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = FileManager.default
        try "[inputs]\nhorizon = 10\n".write(
            to: directory.appendingPathComponent("p.toml"), atomically: true, encoding: .utf8)
        try "[inputs]\n".write(to: directory.appendingPathComponent("r.svg"), atomically: true, encoding: .utf8)
        try files.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.svg").path, withDestinationPath: "same.out")
        try files.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.toml").path, withDestinationPath: "p.toml")
        try files.createSymbolicLink(
            atPath: directory.appendingPathComponent("twin.svg").path, withDestinationPath: "twin.md")
        try files.linkItem(
            atPath: directory.appendingPathComponent("p.toml").path,
            toPath: directory.appendingPathComponent("hard.toml").path)
        try files.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let before = try listing(directory)
        let arguments =
            arguments.first == "report" || arguments.first == "sweep" || arguments.first == "sensitivity"
            ? arguments + Self.long.prefix(2) : Self.long + arguments
        expectUsageError(try aisim(arguments, in: directory), expected)
        #expect(try listing(directory) == before)
        #expect(
            try String(contentsOf: directory.appendingPathComponent("p.toml"), encoding: .utf8)
                == "[inputs]\nhorizon = 10\n")
    }

    @Test("merge refuses to write over a shard file it reads (exit 64)")
    func mergeOverInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try aisim(["--trials", "1e4", "--out", "a.shard"], in: directory).status == 0)
        expectUsageError(
            try aisim(["merge", "a.shard", "--output", "a.shard"], in: directory),
            "--output a.shard would overwrite shard file a.shard, which this command reads")
    }

    @Test(
        "a destination that cannot be written fails before any work (exit 1), naming the directory",
        arguments: [
            (["--output", "missing/run.txt"], "missing/run.txt: cannot write: no such directory: missing"),
            (["--svg", "missing/plot.svg"], "missing/plot.svg: cannot write: no such directory: missing"),
            (["--out", "missing/a.shard"], "missing/a.shard: cannot write: no such directory: missing"),
            (["--output", "plain/run.txt"], "plain/run.txt: cannot write: plain is not a directory"),
            (["--output", "folder"], "folder: cannot write: it is a directory"),
            (["--output", "locked/run.txt"], "cannot create a file in locked"),
            (["--output", "loop"], "loop: cannot write: Too many levels of symbolic links"),
            (["report", "--out", "missing/r.md"], "missing/r.md: cannot write: no such directory: missing"),
            (["report", "--out", "r.md"], "r.svg: cannot write: it is a directory"),
        ])
    func unwritable(_ arguments: [String], _ expected: String) throws {
        let directory = try temporaryDirectory()
        defer {
            chmod(directory.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        let files = FileManager.default
        try "".write(to: directory.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        try files.createDirectory(at: directory.appendingPathComponent("folder"), withIntermediateDirectories: false)
        try files.createDirectory(at: directory.appendingPathComponent("r.svg"), withIntermediateDirectories: false)
        try files.createDirectory(at: directory.appendingPathComponent("locked"), withIntermediateDirectories: false)
        chmod(directory.appendingPathComponent("locked").path, 0o555)
        try files.createSymbolicLink(
            atPath: directory.appendingPathComponent("loop").path, withDestinationPath: "loop2")
        try files.createSymbolicLink(
            atPath: directory.appendingPathComponent("loop2").path, withDestinationPath: "loop")
        let before = try listing(directory)
        let arguments = arguments.first == "report" ? arguments + Self.long.prefix(2) : Self.long + arguments
        // Root may write in a 0555 directory; the check then rightly passes.
        if arguments.contains("locked/run.txt") && getuid() == 0 { return }
        expectWriteError(try aisim(arguments, in: directory), expected)
        #expect(try listing(directory) == before)
    }

    @Test(
        "a write that fails part-way leaves no file of the set, no temporary file and no table on stdout",
        arguments: [
            ["report", "--out", "r.md", "--trials", "1e4"],
            ["--trials", "1e4", "--svg", "plot.svg"],
            ["--trials", "1e4", "--output", "table.txt", "--svg", "plot.svg"],
            ["--trials", "1e4", "--format", "json", "--output", "run.json", "--svg", "plot.svg"],
        ])
    func allOrNone(_ arguments: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A file-size limit of 8 KiB (16 blocks of 512 bytes): the SVG (10 KiB) and the JSON
        // (12 KiB) cannot be written; the table (2 KiB) and the report (8 KiB) can.
        let result = try shell("ulimit -f 16; exec $AISIM " + arguments.joined(separator: " "), in: directory)
        expectWriteError(result, "cannot write: File too large")
        #expect(try listing(directory).isEmpty)
    }

    @Test("a replaced file keeps its mode; a new one gets 0666 less the umask")
    func mode() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let existing = directory.appendingPathComponent("kept.txt").path
        try "old".write(toFile: existing, atomically: true, encoding: .utf8)
        chmod(existing, 0o640)
        let result = try shell(
            "umask 027; $AISIM --trials 1e3 --output kept.txt && $AISIM --trials 1e3 --output new.txt --svg new.svg",
            in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        func mode(_ name: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[
                .posixPermissions] as? Int) ?? -1
        }
        #expect(try mode("kept.txt") == 0o640)
        #expect(try mode("new.txt") == 0o640 && mode("new.svg") == 0o640)
        #expect(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("Finnveden"))
        #expect(try listing(directory) == ["kept.txt", "new.svg", "new.txt"])
    }
}
