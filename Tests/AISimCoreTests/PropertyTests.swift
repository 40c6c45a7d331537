import Foundation
import PropertyBased
import Testing

@testable import AISimCore

/// Properties that must hold for any valid prior, seed and percentile list, checked on
/// generated cases (x-sheep/swift-property-based). The cases differ from run to run, as
/// property tests' should; a failure prints the shrunk case and the seed that reproduces it
/// (add `.fixedSeed(...)` to the test to replay it).
@Suite("Properties")
struct PropertyTests {
    /// A distribution string for a positive input, from every family that stays positive.
    static let positive: PropertyBased.Generator<String, AnySequence<Any>> = zip(
        Gen.int(in: 0...8), Gen.double(in: 0.1...10), Gen.double(in: 1.5...100), Gen.double(in: 0.05...0.95)
    ).map { family, a, ratio, share in
        let b = a * ratio
        let mode = a + share * (b - a)
        switch family {
        case 0: return "\(a) to \(b)"
        case 1: return "lognormal(\(log(a)), \(share * 2))"
        case 2: return "loguniform(\(a), \(b))"
        case 3: return "uniform(\(a), \(b))"
        case 4: return "triangular(\(a), \(mode), \(b))"
        case 5: return "pert(\(a), \(mode), \(b))"
        case 6: return "gamma(\(1 + ratio / 10), \(a))"
        case 7: return "mixture(\(share): \(a) to \(b), \(1 - share): \(b))"
        default: return "truncate(normal(\(mode), \(b - a)), \(a), \(b))"
        }
    }.eraseToAny()

    /// The built-in prior with three inputs set to generated distributions.
    static let priors: PropertyBased.Generator<Prior, AnySequence<Any>> = zip(
        Gen.element(of: [
            Input.worldFlops, .trainingYears, .horizon, .tokensPerParam, .precisionSpeedup, .serialTokensPerS,
        ]).array(of: 3),
        positive.array(of: 3)
    ).map { inputs, values in
        try! EmbeddedPrior.load().setting(zip(inputs.compactMap { $0 }, values).map { "\($0.spec.name)=\($1)" })
    }.eraseToAny()

    @Test("any valid prior and seed give identical output on 1, 2 and 7 threads")
    func threads() async {
        await propertyCheck(count: 8, input: Self.priors, Gen.int(in: 0...1_000_000)) { prior, seed in
            let options = { (threads: Int) in SimulationOptions(trials: 140_001, seed: UInt64(seed), threads: threads) }
            guard let one = try? Simulation.run(prior, options: options(1)) else {
                Issue.record(
                    "a generated prior must run: \(prior.entries.filter { $0.origin == .commandLine }.map(\.text))")
                return
            }
            for threads in [2, 7] {
                let other = try? Simulation.run(prior, options: options(threads))
                #expect(other?.outputs == one.outputs, "\(threads) threads")
            }
        }
    }

    @Test("reported percentiles never decrease as p increases")
    func monotone() async {
        await propertyCheck(count: 30, input: Self.priors, Gen.double(in: 0...100).array(of: 1...12)) { prior, values in
            let percentiles = Set(values).sorted().map { Percentile(value: $0, label: NumberFormat.exact($0)) }
            guard
                let result = try? Simulation.run(
                    prior, options: SimulationOptions(trials: 5_000, seed: 3, percentiles: percentiles))
            else {
                Issue.record("a generated prior must run")
                return
            }
            for output in Output.allCases {
                let p = result[output].percentiles
                #expect(zip(p, p.dropFirst()).allSatisfy { $0 <= $1 }, "\(output.spec.name): \(p)")
            }
        }
    }

    @Test("scaling a point world_flops by k scales parallel tokens/s by √k")
    func squareRoot() async throws {
        await propertyCheck(count: 20, input: Gen.double(in: 1e20...1e23), Gen.double(in: -3...3)) { flops, exponent in
            let k = pow(10, exponent)
            guard let base = try? EmbeddedPrior.load().setting(["world_flops=\(flops)"]),
                let scaled = try? EmbeddedPrior.load().setting(["world_flops=\(flops * k)"]),
                let a = try? Simulation.run(base, options: SimulationOptions(trials: 4_000, seed: 9)),
                let b = try? Simulation.run(scaled, options: SimulationOptions(trials: 4_000, seed: 9))
            else {
                Issue.record("the built-in prior with a point world_flops must run")
                return
            }
            // F = w·s and C = F·T·y are scaled by k, N by √k, so P = ...·F/N by √k: exact up
            // to the rounding of about ten operations.
            for (x, y) in zip(
                a[.parallelTokensPerS].percentiles + [a[.parallelTokensPerS].mean],
                b[.parallelTokensPerS].percentiles + [b[.parallelTokensPerS].mean])
            {
                #expect(abs(y / (x * k.squareRoot()) - 1) < 1e-13, "k = \(k)")
            }
        }
    }

    @Test("a distribution printed back (as aisim check shows it) parses to the same distribution")
    func roundTrip() async {
        await propertyCheck(count: 200, input: Self.positive) { text in
            guard let distribution = try? DistributionParser.parse(text) else {
                Issue.record("generated \"\(text)\" should parse")
                return
            }
            #expect(
                (try? DistributionParser.parse(distribution.description)) == distribution,
                "\(text) → \(distribution.description)")
        }
    }
}
