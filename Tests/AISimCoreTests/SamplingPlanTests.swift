import Testing

@testable import AISimCore

/// SamplingPlan.swift: products of inputs are drawn in one go only where every product fits.
@Suite("Sampling plan")
struct SamplingPlanTests {
    @Test("a product whose factors fit but whose product can overflow is drawn factor by factor")
    func productRange() throws {
        let wide = try Prior.parse(
            "[inputs]\ntokens_per_param = \"15 to 30\"\nhorizon = \"loguniform(1e307, 1e308)\"\n", source: "w.toml")
        #expect(!SamplingPlan(wide).units.contains { if case .product = $0 { true } else { false } })
        let narrow = try Prior.parse(
            "[inputs]\ntokens_per_param = \"15 to 30\"\nhorizon = \"loguniform(1, 1e3)\"\n", source: "n.toml")
        #expect(SamplingPlan(narrow).units.contains { if case .product = $0 { true } else { false } })
        // N = √(C / (6 · tokens_per_param · H)) fits although tokens_per_param · H does not.
        let result = try Simulation.run(wide, options: SimulationOptions(trials: 10_000, seed: 1, threads: 1))
        #expect(result[.params].percentiles.allSatisfy { $0 > 0 && $0 < 1e-139 })
    }
}
