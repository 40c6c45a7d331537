import Testing

@testable import AISimCore

/// Step+Text.swift: every formula as `explain` and `aisim inputs` write it.
@Suite("Formula text")
struct StepTextTests {
    @Test("each step's formula, with symbols, every optional input shown")
    func symbolic() {
        let texts = Model.steps.filter { Model.symbol(of: $0.result) != "" || $0.symbol != "" }.map { step in
            "\(step.symbol) = " + step.formulaText(name: { Model.symbol(of: $0) }, meanings: true)
        }
        #expect(
            texts == [
                "F = world_flops × ai_share",
                "F = world_flops × compute_growth^(year − base_year) × ai_share",
                "C = F × train_utilization × training_years × 31,557,600 s/year",
                "N = √(C / (train_flop_per_param_token × tokens_per_param × H))",
                "D = tokens_per_param × H × N",
                "R = max(F, deploy_share × world_flops)",
                "R = max(F, deploy_share × world_flops × compute_growth^(year − base_year))",
                "P = precision_speedup × distillation_speedup × infer_utilization × F / (infer_flop_per_param_token × N)",
                "P = precision_speedup × distillation_speedup × infer_utilization × R / (infer_flop_per_param_token × N)",
                "v = serial_ref_tokens_per_s × serial_hardware_speedup × (N / serial_ref_params)^(-serial_size_exponent)",
                "S = P / serial_tokens_per_s",
                "S = P / (serial_tokens_per_s × serial_speed_growth^(year − base_year))",
                "Q = P / human_ai_researchers",
                "M = serial_tokens_per_s / (human_words_per_s × 4/3 tokens per word)",
                "M = serial_tokens_per_s × serial_speed_growth^(year − base_year) / (human_words_per_s × 4/3 tokens per word)",
            ])
    }

    @Test("an input whose name is nil drops out of the product, and constants lose their meaning with numbers")
    func omitted() throws {
        let step = try #require(Model.steps.first { $0.symbol == "C" })
        let text = step.formulaText(
            name: { $0 == .input(.trainUtilization) ? nil : Model.symbol(of: $0) }, meanings: false)
        #expect(text == "F × training_years × 31,557,600")
    }
}
