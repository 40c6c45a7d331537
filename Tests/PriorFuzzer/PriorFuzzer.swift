import AISimCore
import AISimReport
import Foundation
import FuzzDriver

/// Feeds bytes to aisim's prior-file and distribution-string parsers and, when they accept
/// them, to a small simulation and the reports, so that libFuzzer finds inputs that crash,
/// hang or leak anywhere a prior file can reach.
///
/// ``FuzzDriver`` runs it under libFuzzer, or replays files (docs/hardening.md).
@main
enum PriorFuzzer {
    static func main() {
        FuzzDriver.main(run)
    }

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
        guard let result = try? Simulation.run(prior, options: SimulationOptions(trials: 64, seed: 1, threads: 1))
        else { return }
        _ = RunReport(prior: prior, result: result).json()
    }
}
