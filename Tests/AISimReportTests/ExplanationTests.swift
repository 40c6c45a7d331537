import AISimCore
import Testing

@testable import AISimReport

/// Explanation.swift: the walk-through gives MODEL.md's worked numbers at the post's point and
/// shows only the steps a prior runs.
@Suite("Explanation")
struct ExplanationTests {
    @Test("at the post's point every step ends in MODEL.md's worked number")
    func post() throws {
        let text = try Explanation(.post).render()
        for line in [
            "F = world_flops × ai_share = 4e21 × 0.25 = 1e21 FLOP/s",
            "= 3.1558e28 FLOP", "= 1.6217e13 parameters", "= 3.2433e14 token-eq", "= 3.0832e7 token-eq/s",
            "= 6.1665e5 streams",
        ] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!text.contains("train_utilization") && !text.contains("serial speed"))
    }

    @Test("a prior's optional inputs and derived serial speed appear only when it sets them")
    func steps() throws {
        let plain = try Explanation(.medians(try Prior.parse("[inputs]\nhorizon = \"1 to 100\"\n", source: "a.toml")))
            .render()
        #expect(!plain.contains("infer_utilization") && !plain.contains("per human researcher"))
        let rich = try Explanation(
            .medians(
                try Prior.parse(
                    """
                    [inputs]
                    infer_utilization = 0.5
                    serial_tokens_per_s = "derived"
                    human_ai_researchers = 8e4
                    """, source: "b.toml"))
        ).render()
        #expect(rich.contains("× infer_utilization × F / (infer_flop_per_param_token × N) = 1 × 1 × 0.5 × 1e21"))
        #expect(rich.contains("serial speed") && rich.contains("(N / serial_ref_params)^(-serial_size_exponent)"))
        #expect(rich.contains("Q = P / human_ai_researchers"))
    }

    @Test("a point whose outputs leave Double is the run's error, not inf")
    func overflow() throws {
        let prior = try Prior.parse("[inputs]\nprecision_speedup = 1e302\n", source: "o.toml")
        #expect(throws: PriorError.self) { try Explanation(.medians(prior)) }
    }
}
