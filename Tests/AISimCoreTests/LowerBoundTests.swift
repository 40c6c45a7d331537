import Foundation
import Testing

@testable import AISimCore

/// MODEL.md's last section: the compute that runs the model apart from its training cluster
/// (deploy_share), and growth to a year, against its two worked checks and hand algebra.
@Suite("The post's lower bound and time")
struct LowerBoundTests {
    /// The post's point, with `changes` applied.
    func point(_ changes: [Input: Double] = [:]) -> [Double] {
        Input.allCases.map { changes[$0] ?? $0.spec.postValue }
    }

    func outputs(_ changes: [Input: Double], deployment: Bool = false, growth: Bool = false) -> [Double] {
        Model.evaluate(
            point: point(changes), configuration: Model.Configuration(deployment: deployment, growth: growth))
    }

    @Test("worked check 1: trained on 1%, run on 25%: R = 1e21, N = 0.2 × 1.6217e13, P = 1.5416e8, 5× the post's")
    func workedLowerBound() {
        let post = outputs([:])
        let y = outputs([.aiShare: 0.01, .deployShare: 0.25], deployment: true)
        #expect(y[Output.runFlops.rawValue] == 1e21)
        #expect(abs(y[Output.params.rawValue] / (0.2 * 1.6217e13) - 1) < 5e-5, "MODEL.md's five digits")
        #expect(abs(y[Output.parallelTokensPerS.rawValue] / 1.5416e8 - 1) < 5e-5)
        // P ∝ R / N: (0.25 / 0.01) / √(0.25 / 0.01) = 5, to rounding.
        #expect(abs(y[Output.parallelTokensPerS.rawValue] / post[Output.parallelTokensPerS.rawValue] - 5) < 1e-12)
        #expect(abs(y[Output.streams.rawValue] / post[Output.streams.rawValue] - 5) < 1e-12)
    }

    @Test("worked check 2: compute_growth = 2 for ten years multiplies P and S by √(2¹⁰) = 32")
    func workedGrowth() {
        let base = outputs([.year: 2023, .computeGrowth: 2], growth: true)
        let later = outputs([.year: 2033, .computeGrowth: 2], growth: true)
        let post = outputs([:])
        for output in [Output.parallelTokensPerS, .streams] {
            #expect(abs(later[output.rawValue] / base[output.rawValue] - 32) < 1e-12, "\(output)")
            #expect(base[output.rawValue] == post[output.rawValue], "dt = 0 is the post's point, bit for bit")
        }
        let serial = outputs([.year: 2033, .computeGrowth: 2, .serialSpeedGrowth: 1.5], growth: true)
        #expect(abs(serial[Output.streams.rawValue] / later[Output.streams.rawValue] - pow(1.5, -10)) < 1e-12)
        #expect(serial[Output.parallelTokensPerS.rawValue] == later[Output.parallelTokensPerS.rawValue])
    }

    @Test("the bound is the minimum: P over ai_share falls to deploy_share and rises after it")
    func minimumAtDeployShare() {
        for deploy in [0.05, 0.25, 0.6] {
            let shares = (0...400).map { 0.001 * pow(1000, Double($0) / 400) }.filter { $0 <= 1 }
            let p = shares.map { outputs([.aiShare: $0, .deployShare: deploy], deployment: true)[0] }
            let lowest = shares[p.indices.min { p[$0] < p[$1] }!]
            let step = pow(1000, 1.0 / 400)
            #expect(lowest / deploy < step && deploy / lowest < step, "deploy_share \(deploy): minimum at \(lowest)")
            // At the minimum the run is the training cluster: the post's own equations.
            let at = outputs([.aiShare: deploy, .deployShare: deploy], deployment: true)
            #expect(at[0] == outputs([.aiShare: deploy])[0])
        }
    }

    @Test("P never falls as the year rises when compute_growth > 1 and serial speed is fixed")
    func monotoneInYear() {
        for growth in [1.0001, 1.3, 2.3, 10] {
            for share in [0.003, 0.1, 0.25, 0.9] {
                for deployment in [false, true] {
                    var previous = 0.0
                    for year in stride(from: 1990.0, through: 2100, by: 0.5) {
                        var x: [Input: Double] = [.year: year, .computeGrowth: growth, .aiShare: share]
                        if deployment { x[.deployShare] = 0.25 }
                        let p = outputs(x, deployment: deployment, growth: true)[0]
                        #expect(p >= previous, "growth \(growth), ai_share \(share), year \(year)")
                        previous = p
                    }
                }
            }
        }
    }

    @Test("a year before the base year shrinks compute; a product that overflows is repaired in logarithms")
    func negativeYearsAndRepair() {
        let before = outputs([.year: 2013, .computeGrowth: 2], growth: true)
        #expect(abs(before[Output.clusterFlops.rawValue] / (1e21 / 1024) - 1) < 1e-12)
        // world_flops × growth^dt overflows on the way (1e300 × 2^100), F × 1e-40 share does not.
        let y = outputs([.worldFlops: 1e300, .aiShare: 1e-40, .year: 2123, .computeGrowth: 2], growth: true)
        #expect(y[Output.clusterFlops.rawValue].isFinite && y[Output.clusterFlops.rawValue] > 0)
    }

    @Test("Timeline.years: both ends, fractional steps, and nil past 200 years or backwards")
    func years() {
        #expect(Timeline.years(from: 2024, to: 2040, step: 2) == stride(from: 2024.0, through: 2040, by: 2).map { $0 })
        #expect(Timeline.years(from: 2024, to: 2025, step: 0.1)?.count == 11)
        #expect(Timeline.years(from: 2024, to: 2024, step: 1) == [2024])
        #expect(Timeline.years(from: 1, to: 200, step: 1)?.count == 200)
        #expect(Timeline.years(from: 1, to: 201, step: 1) == nil)
        #expect(Timeline.years(from: 2040, to: 2024, step: 1) == nil)
        #expect(Timeline.years(from: 2024, to: 2040, step: 0) == nil)
        #expect(Timeline.text(of: 2030) == "2030" && Timeline.text(of: 2030.5) == "2030.5")
    }

    @Test("sensitivity reports the part log-linearity cannot attribute once year is uncertain, and none before")
    func sensitivityHonesty() throws {
        let linear = try Prior.parse(
            "[inputs]\nhorizon = \"1 to 100\"\nworld_flops = \"2e21 to 8e21\"\n", source: "a.toml")
        let plain = try #require(
            try Simulation.run(linear, options: SimulationOptions(trials: 20_000, sensitivity: true)).sensitivity)
        #expect(plain.analyses.allSatisfy { $0.nonlinearPart == nil })
        let timed = try Prior.parse(
            "[inputs]\nyear = \"uniform(2024, 2040)\"\ncompute_growth = \"1.5 to 3\"\nhorizon = \"1 to 100\"\n",
            source: "t.toml")
        let result = try Simulation.run(timed, options: SimulationOptions(trials: 20_000, sensitivity: true))
        let analysis = try #require(result.sensitivity)[.parallelTokensPerS]
        // log P = c + ½ dt log g − ½ log H: the product dt × log g is what no share attributes.
        let nonlinear = try #require(analysis.nonlinearPart)
        #expect(nonlinear > 0.005 && nonlinear < 0.5, "\(nonlinear)")
        #expect(abs(analysis.sharesTotal + nonlinear + analysis.correlationPart - 1) < 1e-9)
        let year = try #require(analysis.entries.first { $0.input == .year })
        #expect(year.spearman > 0.5 && year.medianAtHigh > year.medianAtLow)
    }
}
