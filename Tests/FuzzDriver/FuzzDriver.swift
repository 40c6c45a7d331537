import Foundation

/// What libFuzzer calls with each input (set by ``FuzzDriver/main(_:)``).
nonisolated(unsafe) private var target: ((UnsafeRawBufferPointer) -> Void)?

/// The driver both fuzz targets share (docs/hardening.md).
///
/// Built with `-sanitize=fuzzer,address -DFUZZING`, libFuzzer drives the target; built plainly
/// (as `swift build` and `swift test` do), the executable replays the files it is given, so a
/// crashing input can be reproduced without the fuzzer.
public enum FuzzDriver {
    /// Runs `body` on every input: libFuzzer's, or the files (and the files in the folders)
    /// named on the command line.
    public static func main(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        #if FUZZING
            target = body
            var argc = CommandLine.argc
            var argv = Optional(CommandLine.unsafeArgv)
            exit(llvmFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
            var count = 0
            for argument in CommandLine.arguments.dropFirst() {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
                let paths =
                    isDirectory.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map {
                        "\(argument)/\($0)"
                    }
                    : [argument]
                for path in paths {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                        exit(1)
                    }
                    data.withUnsafeBytes(body)
                    count += 1
                }
            }
            print("replayed \(count) inputs without a crash")
            exit(0)
        #endif
    }
}

#if FUZZING
    /// libFuzzer's entry point for programs that keep their own `main` (SwiftPM names an
    /// executable's entry point itself, so libFuzzer's `main` cannot be used).
    @_silgen_name("LLVMFuzzerRunDriver")
    func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The function libFuzzer calls with each input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        target?(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
#endif
