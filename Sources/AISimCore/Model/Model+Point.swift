extension Model {
    /// The outputs of one trial, by ``Output`` raw value, for inputs `x` by ``Input`` raw value.
    public static func evaluate(point x: [Double], configuration: Configuration = Configuration()) -> [Double] {
        evaluated(point: x, configuration: configuration).outputs
    }

    /// One trial's inputs, as the steps leave them (a derived serial speed in its place), and
    /// its outputs.
    public static func evaluated(point x: [Double], configuration: Configuration = Configuration()) -> (
        inputs: [Double], outputs: [Double]
    ) {
        precondition(x.count == Input.allCases.count)
        var x = x
        var y = [Double](repeating: 0, count: Output.allCases.count)
        let evaluator = ModelEvaluator(configuration: configuration, blockSize: 1)
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                evaluator.evaluate(
                    InputColumns(base: x.baseAddress!, stride: 1), into: OutputColumns(base: y.baseAddress!, stride: 1),
                    count: 1)
            }
        }
        return (x, y)
    }
}

extension Model.Configuration {
    /// What `prior` decides about the steps.
    public init(_ prior: Prior) {
        self.init(
            derivedSerialSpeed: prior.derivesSerialSpeed, deployment: prior[.deployShare].origin != .post,
            growth: prior[.year].origin != .post, unreported: Set(Output.allCases.filter { !prior.reports($0) }))
    }
}
