import AISimCore
import Testing

@Suite("SampleColumn")
struct SampleColumnTests {
    @Test("uncertain inputs in model order, then the reported outputs; fixed inputs are not columns")
    func columns() throws {
        let prior = try prior(
            """
            [inputs]
            horizon = "1 to 100"
            world_flops = "2e21 to 8e21"
            ai_share = 0.3
            human_ai_researchers = 1e5
            """)
        #expect(
            SampleColumn.columns(of: prior).map(\.name) == [
                "world_flops", "horizon", "parallel_tokens_per_s", "streams", "params", "training_tokens",
                "training_flop", "cluster_flops", "researcher_multiple",
            ])
    }

    @Test("a derived serial speed is not drawn, so it is no column; its uncertain parts are")
    func derived() throws {
        let prior = try shippedPrior("derived-serial.toml")
        let names = SampleColumn.columns(of: prior).map(\.name)
        #expect(!names.contains("serial_tokens_per_s"))
        for input in Input.allCases where !prior[input].distribution.isPoint && !prior[input].isDerived {
            #expect(names.contains(input.spec.name))
        }
    }
}
