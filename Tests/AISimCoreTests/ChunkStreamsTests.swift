import Testing

@testable import AISimCore

/// ChunkStreams.swift and ChunkSeeder.swift: common random numbers. An input's draws depend on
/// the seed, the chunk and the input's name only.
@Suite("Common random numbers")
struct ChunkStreamsTests {
    /// The inputs of chunk `chunk` of `prior`, as a simulation draws them (one block).
    static func draw(_ text: String, chunk: Int = 3, method: SamplingMethod = .random) throws -> InputSampler {
        let prior = try Prior.parse(text, source: "c.toml")
        let sampler = InputSampler(prior: prior, blockSize: Block.size, method: method)
        let streams = ChunkStreams(seeder: ChunkSeeder(seed: 17), chunk: chunk, inputs: sampler.plan.drawnInputs)
        if method == .random {
            sampler.draw(count: Block.size, streams: streams)
        } else {
            let design = StratifiedDesign(
                method: method, inputs: sampler.plan.dimensionInputs, points: Block.size, streams: streams)
            var uniforms = [Double](repeating: 0, count: sampler.plan.dimensions * Block.size)
            uniforms.withUnsafeMutableBufferPointer { u in
                design.next(count: Block.size, into: u.baseAddress!, stride: Block.size)
                sampler.draw(count: Block.size, uniforms: u.baseAddress!, stride: Block.size)
            }
        }
        return sampler
    }

    static func column(_ sampler: InputSampler, _ input: Input) -> [Double] {
        Array(UnsafeBufferPointer(start: sampler.inputs[input], count: Block.size))
    }

    @Test(
        "an input keeps its draws when another input is made uncertain, fixed or changed",
        arguments: [SamplingMethod.random, .lhs, .sobol])
    func sameDraws(method: SamplingMethod) throws {
        let a = try Self.draw(
            "[inputs]\nworld_flops = \"2e21 to 8e21\"\nserial_tokens_per_s = \"20 to 100\"\n", method: method)
        let b = try Self.draw(
            "[inputs]\nworld_flops = \"2e21 to 8e21\"\nhorizon = \"1 to 1000\"\nserial_tokens_per_s = 50\nai_share = \"uniform(0.1, 0.2)\"\n",
            method: method)
        #expect(Self.column(a, .worldFlops) == Self.column(b, .worldFlops))
        // A different distribution of the same input: different values, from the same stream.
        let c = try Self.draw("[inputs]\nworld_flops = \"1e21 to 4e21\"\n", method: method)
        #expect(Self.column(a, .worldFlops) != Self.column(c, .worldFlops))
        for (x, y) in zip(Self.column(a, .worldFlops), Self.column(c, .worldFlops)) {
            // A lognormal scaled by 1/2 at both ends is the same normal draw, exp(μ − log 2 + σz):
            // y = x / 2, to exp's rounding of an argument near 49, some 50 ulps (1e-13).
            #expect(abs(y / x - 0.5) < 1e-13)
        }
    }

    @Test("a product drawn in one go keeps its members' own draws")
    func products() throws {
        // tokens_per_param × H is drawn in one go in the first prior, apart in the second.
        let together = try Self.draw("[inputs]\ntokens_per_param = \"15 to 30\"\nhorizon = \"1 to 100\"\n")
        let apart = try Self.draw("[inputs]\ntokens_per_param = \"15 to 30\"\nhorizon = \"uniform(1, 100)\"\n")
        let alone = try Self.draw("[inputs]\ntokens_per_param = \"15 to 30\"\n")
        #expect(Self.column(apart, .tokensPerParam) == Self.column(alone, .tokensPerParam))
        let horizon = try Self.draw("[inputs]\nhorizon = \"1 to 100\"\n")
        for i in 0..<Block.size {
            let product = Self.column(alone, .tokensPerParam)[i] * Self.column(horizon, .horizon)[i]
            #expect(abs(Self.column(together, .tokensPerParam)[i] / product - 1) < 1e-14)
        }
    }

    @Test("two inputs never share a stream in one chunk, and chunks of one input never do")
    func distinctSeeds() {
        for seed: UInt64 in [0, 1, 17, .max] {
            let seeder = ChunkSeeder(seed: seed)
            #expect(Set(seeder.keys).count == Input.allCases.count)
            for chunk in 0..<64 {
                #expect(
                    Set(Input.allCases.map { seeder.seed(forChunk: chunk, input: $0) }).count == Input.allCases.count)
            }
            #expect(Set((0..<10_000).map { seeder.seed(forChunk: $0, input: .horizon) }).count == 10_000)
        }
    }
}
