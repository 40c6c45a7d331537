import AISimCLI
import AISimCore
import AISimReport
import Foundation
import FuzzDriver

/// Feeds bytes to aisim's command-line parser (every flag's own parser and every command's
/// validation), to `--set`'s assignment parser and to `--vary`'s, so that libFuzzer finds
/// arguments that crash or hang aisim before it has done any work.
///
/// An input is a command line with one argument per line (at most 24); the same bytes, whole,
/// are also a `--set` assignment and a `--vary` specification. ``FuzzDriver`` runs it under
/// libFuzzer, or replays files (docs/hardening.md).
@main
enum FlagFuzzer {
    static func main() {
        FuzzDriver.main(run)
    }

    static func run(_ data: UnsafeRawBufferPointer) {
        let text = String(decoding: data, as: UTF8.self)
        let arguments = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(24).map(String.init)
        do {
            _ = try AISim.parse(arguments)
        } catch {
            // The one line and the status aisim would print for this error.
            _ = AISim.failure(for: error)
        }
        if let prior = try? EmbeddedPrior.load().setting([text]) {
            _ = PriorCheck(prior).json()
        }
        _ = try? VaryValues.parse(text)
    }
}
