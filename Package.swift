// swift-tools-version: 6.1
// aisim: a Monte Carlo simulator for how many copies of a freshly trained model the world could run.
// Licensed GPL-3.0-or-later, because it links GNU GSL.
import PackageDescription

let package = Package(
    name: "aisim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aisim", targets: ["aisim"]),
        .library(name: "AISimCore", targets: ["AISimCore"]),
        .library(name: "AISimReport", targets: ["AISimReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // exp, log and pow over columns: glibc's libmvec (AVX2) where the CPU has it, else scalar.
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m")]
        ),
        .target(
            name: "AISimCore",
            dependencies: [
                "CGSL", "CVectorMath", "TOMLKit",
                .product(name: "Algorithms", package: "swift-algorithms"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "AISimReport", dependencies: ["AISimCore"]),
        // The web playground (`aisim serve`): a Hummingbird 2 server with its page embedded.
        .target(
            name: "AISimServer",
            dependencies: [
                "AISimCore", "AISimReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Compiled into the binary as byte arrays (PackageResources), so the page needs no
            // files beside it and no generated source.
            resources: [.embedInCode("Page/index.html"), .embedInCode("Page/app.js"), .embedInCode("Page/style.css")]
        ),
        .target(
            name: "AISimCLI",
            dependencies: [
                "AISimCore", "AISimReport", "AISimServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "aisim", dependencies: ["AISimCLI"]),
        .target(
            name: "CReferenceLoop",
            dependencies: ["CVectorMath"],
            path: "Benchmarks/CReferenceLoop",
            // A standalone many-thread driver that Benchmarks/scaling builds with cc.
            exclude: ["threads"],
            linkerSettings: [.linkedLibrary("gsl"), .linkedLibrary("gslcblas"), .linkedLibrary("m")]
        ),
        .executableTarget(
            name: "AISimBenchmarks",
            dependencies: [
                "AISimCore", "AISimReport", "CReferenceLoop",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AISimBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The fuzz targets for prior files and for flags (docs/hardening.md); built plainly,
        // each replays the inputs it is given.
        .target(name: "FuzzDriver", path: "Tests/FuzzDriver"),
        .executableTarget(
            name: "PriorFuzzer",
            dependencies: ["AISimCore", "AISimReport", "FuzzDriver"],
            path: "Tests/PriorFuzzer",
            exclude: ["Corpus", "lsan.supp"]
        ),
        .executableTarget(
            name: "FlagFuzzer",
            dependencies: ["AISimCLI", "AISimCore", "AISimReport", "FuzzDriver"],
            path: "Tests/FlagFuzzer",
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "AISimCoreTests",
            dependencies: [
                "AISimCore", "AISimReport", "CGSL", "CVectorMath",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "AISimReportTests",
            dependencies: ["AISimCore", "AISimReport"]
        ),
        .testTarget(
            name: "AISimServerTests",
            dependencies: [
                "AISimServer", "AISimCore", "AISimReport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "aisimTests",
            dependencies: ["aisim"],
            exclude: ["Fixtures"]
        ),
    ]
)
