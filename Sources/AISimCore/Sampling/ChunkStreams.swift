/// The random streams of one chunk: a GSL generator for each input a prior draws, seeded from
/// (seed, chunk, input) by ``ChunkSeeder``. Every draw of an input, whatever the sampling
/// method, comes from its own stream, so its values do not depend on the other inputs.
public final class ChunkStreams {
    private let generators: [Generator?]

    /// The streams of chunk `chunk` for `inputs`.
    public init(seeder: ChunkSeeder, chunk: Int, inputs: [Input]) {
        var generators = [Generator?](repeating: nil, count: Input.allCases.count)
        for input in inputs { generators[input.rawValue] = Generator(seed: seeder.seed(forChunk: chunk, input: input)) }
        self.generators = generators
    }

    /// `input`'s stream.
    /// - Precondition: `input` was among the inputs the streams were made for.
    public subscript(input: Input) -> Generator {
        guard let generator = generators[input.rawValue] else {
            preconditionFailure("no stream for \(input.spec.name)")
        }
        return generator
    }
}
