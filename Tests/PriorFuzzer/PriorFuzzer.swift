import AISimCore
import Foundation

/// Feeds bytes to aisim's prior-file and distribution-string parsers and, when they accept
/// them, to a small simulation and the reports, so that libFuzzer finds inputs that crash,
/// hang or leak anywhere a prior file can reach.
///
/// Built with `-sanitize=fuzzer,address -DFUZZING`, libFuzzer drives ``run(_:)``; built
/// plainly (as `swift build` and `swift test` do), the executable replays the files it is
/// given, so a crashing input can be reproduced without the fuzzer. docs/fuzzing.md says how.
enum PriorFuzzer {
    /// One input: as a prior file, and as a distribution string for `horizon`.
    static func run(_ data: UnsafeRawBufferPointer) {
        let text = String(decoding: data, as: UTF8.self)
        if let prior = try? Prior.parse(text, source: "fuzz.toml") {
            exercise(prior)
        }
        if let prior = try? EmbeddedPrior.load().setting(["horizon=\(text)"]) {
            exercise(prior)
        }
    }

    /// A few trials of `prior`, its check and its reports: sampling and the equations see
    /// every distribution the parser accepts.
    static func exercise(_ prior: Prior) {
        _ = PriorCheck(prior).json()
        guard let result = try? Simulation.run(prior, options: SimulationOptions(trials: 64, seed: 1, threads: 1)) else { return }
        _ = RunReport(prior: prior, result: result).json()
    }
}

#if FUZZING
/// libFuzzer's entry point for programs that keep their own `main` (SwiftPM names an
/// executable's entry point itself, so libFuzzer's `main` cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The function libFuzzer calls with each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    PriorFuzzer.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
    }
}
#else
@main
struct Replay {
    /// Replays each file named on the command line (or each file in each folder).
    static func main() throws {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
            let paths = isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map { "\(argument)/\($0)" }
                : [argument]
            for path in paths {
                try Data(contentsOf: URL(fileURLWithPath: path)).withUnsafeBytes(PriorFuzzer.run)
                count += 1
            }
        }
        print("replayed \(count) inputs without a crash")
    }
}
#endif
