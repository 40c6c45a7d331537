import AISimCore
import Benchmark
import CReferenceLoop
import Foundation

/// The standard benchmark workload, as in `shared/bench/workload.toml` (which CI's fresh
/// clone does not have): the priors `numpy_reference.py` draws by hand.
let workload = try! Prior.parse("""
    title = "benchmark workload"
    [inputs]
    world_flops = "2e21 to 8e21"
    ai_share = "uniform(0.1, 0.5)"
    training_years = "0.25 to 1.25"
    horizon = "1 to 100"
    tokens_per_param = "15 to 30"
    precision_speedup = "1 to 4"
    distillation_speedup = "1 to 10"
    serial_tokens_per_s = "10 to 100"
    """, source: "workload.toml")

/// Throughput may fall by at most this share (in percent) before CI calls it a regression;
/// wall-clock time may grow by as much. Generous, because a shared 2-core machine varies by
/// a third from run to run; the ratio metrics below, which compare two measurements taken
/// side by side, are the sharper checks.
let tolerance = 50.0

func configuration(_ scale: BenchmarkScalingFactor, metrics: [BenchmarkMetric] = [.throughput, .wallClock]) -> Benchmark.Configuration {
    let relative = BenchmarkThresholds(relative: [.p50: tolerance, .p90: tolerance])
    return .init(metrics: metrics, warmupIterations: 1, scalingFactor: scale,
                 maxDuration: .seconds(2), maxIterations: 50,
                 thresholds: Dictionary(uniqueKeysWithValues: metrics.map { ($0, relative) }))
}

/// aisim's sampling phase on its own: the workload's inputs for `trials` trials, chunk by
/// chunk and block by block, exactly as a simulation draws them, on one thread.
func sampleWorkload(trials: Int, seed: UInt64) -> Double {
    let sampler = InputSampler(prior: workload, blockSize: Simulation.blockSize)
    let seeder = ChunkSeeder(seed: seed), chunks = ChunkPlan(trials: trials)
    var checksum = 0.0
    for chunk in 0..<chunks.count {
        let generator = Generator(seed: seeder.seed(forChunk: chunk))
        let length = chunks.range(of: chunk).count
        var offset = 0
        while offset < length {
            let count = min(Simulation.blockSize, length - offset)
            sampler.draw(count: count, using: generator)
            checksum += sampler.inputs[.worldFlops][0] + sampler.inputs[.serialTokensPerS][count - 1]
            offset += count
        }
    }
    return checksum
}

/// The C reference loop for the same trials and seed.
func sampleWorkloadInC(trials: Int, seed: UInt64) -> Double {
    let seeder = ChunkSeeder(seed: seed)
    let seeds = (0..<ChunkPlan(trials: trials).count).map { seeder.seed(forChunk: $0) }
    return aisim_reference_sample_workload(trials, ChunkPlan.chunkSize, Simulation.blockSize, seeds)
}

let benchmarks: @Sendable () -> Void = {
    // Variates per second for each family's sampler, a million per iteration.
    let families = [("a-to-b", "2e21 to 8e21"), ("lognormal", "lognormal(1, 0.5)"), ("normal", "normal(40, 10)"),
                    ("uniform", "uniform(0.1, 0.5)"), ("loguniform", "loguniform(1, 1000)"), ("beta", "beta(2, 5)"),
                    ("triangular", "triangular(1, 2, 5)")]
    for (name, text) in families {
        let distribution = try! DistributionParser.parse(text)
        Benchmark("sampler-\(name)", configuration: configuration(.mega)) { benchmark in
            let generator = Generator(seed: 1)
            let block = UnsafeMutablePointer<Double>.allocate(capacity: Simulation.blockSize)
            defer { block.deallocate() }
            var remaining = benchmark.scaledIterations.count
            benchmark.startMeasurement()
            while remaining > 0 {
                let count = min(Simulation.blockSize, remaining)
                distribution.fill(block, count: count, using: generator)
                blackHole(block[count - 1])
                remaining -= count
            }
            benchmark.stopMeasurement()
        }
    }

    // Trials per second for the whole pipeline (sampling, equations, exact percentiles of
    // all six outputs) at 1e6 trials.
    for threads in [1, 2] {
        Benchmark("pipeline-1e6-trials-\(threads)-thread\(threads == 1 ? "" : "s")", configuration: configuration(.mega)) { benchmark in
            let options = SimulationOptions(trials: benchmark.scaledIterations.count, seed: 1, threads: threads)
            blackHole(try! Simulation.run(workload, options: options))
        }
    }

    // Values per second for the exact percentile summary of a million values: held and
    // selected, and streamed through the pilot's windows as runs above a million trials are.
    var streamed = SummaryTuning()
    streamed.keepAllLimit = 0
    for (name, tuning) in [("held", SummaryTuning()), ("streamed", streamed)] {
        Benchmark("summary-1e6-values-\(name)", configuration: configuration(.mega)) { benchmark in
            let generator = Generator(seed: 3)
            let values = (0..<benchmark.scaledIterations.count).map { _ in exp(4 * (generator.uniform() - 0.5)) }
            benchmark.startMeasurement()
            values.withUnsafeBufferPointer { blackHole(ExactPercentiles.of($0, Percentile.defaults, tuning: tuning)) }
            benchmark.stopMeasurement()
        }
    }

    // aisim's sampling phase against the plain C loop that makes the same GSL calls: trials
    // per second for each, and their ratio, which must stay within 15%.
    Benchmark("sampling-1e6-trials-aisim", configuration: configuration(.mega)) { benchmark in
        blackHole(sampleWorkload(trials: benchmark.scaledIterations.count, seed: 1))
    }
    Benchmark("sampling-1e6-trials-C-reference", configuration: configuration(.mega)) { benchmark in
        blackHole(sampleWorkloadInC(trials: benchmark.scaledIterations.count, seed: 1))
    }

    // Ratios of two measurements taken side by side, so that a slower or busier machine moves
    // both: the sampling phase against the C loop (the target is at most 115%), the whole
    // pipeline against the C loop, and the efficiency of two threads over one (at least 85%).
    // Each iteration times both sides five times, alternating, and compares their fastest
    // runs: noise on a shared machine only ever adds time.
    let exact: BenchmarkThresholds = .init(absolute: [.p90: 0])
    func fastest(_ a: () -> Void, _ b: () -> Void) -> (Double, Double) {
        let clock = ContinuousClock()
        var best = (Duration.seconds(1e9), Duration.seconds(1e9))
        for _ in 0..<5 {
            best.0 = min(best.0, clock.measure(a))
            best.1 = min(best.1, clock.measure(b))
        }
        return (Double(best.0.components.attoseconds) * 1e-18 + Double(best.0.components.seconds),
                Double(best.1.components.attoseconds) * 1e-18 + Double(best.1.components.seconds))
    }
    let samplingRatio = BenchmarkMetric.custom("aisim sampling time over C time, percent", polarity: .prefersSmaller, useScalingFactor: false)
    Benchmark("sampling-aisim-over-C", configuration: .init(
        metrics: [samplingRatio], warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 10,
        thresholds: [samplingRatio: exact])
    ) { benchmark in
        let (c, swift) = fastest({ blackHole(sampleWorkloadInC(trials: 1_000_000, seed: 2)) },
                                 { blackHole(sampleWorkload(trials: 1_000_000, seed: 2)) })
        benchmark.measurement(samplingRatio, Int((100 * swift / c).rounded()))
    }
    let pipelineRatio = BenchmarkMetric.custom("pipeline time over C sampling time, percent", polarity: .prefersSmaller, useScalingFactor: false)
    Benchmark("pipeline-over-C", configuration: .init(
        metrics: [pipelineRatio], warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 10,
        thresholds: [pipelineRatio: exact])
    ) { benchmark in
        let trials = 2_000_000, options = SimulationOptions(trials: trials, seed: 2, threads: 1)
        let (c, pipeline) = fastest({ blackHole(sampleWorkloadInC(trials: trials, seed: 2)) },
                                    { blackHole(try! Simulation.run(workload, options: options)) })
        benchmark.measurement(pipelineRatio, Int((100 * pipeline / c).rounded()))
    }
    let scaling = BenchmarkMetric.custom("two-thread efficiency, percent", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark("scaling-2-threads", configuration: .init(
        metrics: [scaling], warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 10,
        thresholds: [scaling: exact])
    ) { benchmark in
        let trials = 2_000_000
        let (one, two) = fastest({ blackHole(try! Simulation.run(workload, options: SimulationOptions(trials: trials, seed: 2, threads: 1))) },
                                 { blackHole(try! Simulation.run(workload, options: SimulationOptions(trials: trials, seed: 2, threads: 2))) })
        benchmark.measurement(scaling, Int((50 * one / two).rounded()))
    }
}
