// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "memsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "memsim", targets: ["memsim"]),
        // memsim as a library: a package of its own registers extra policies
        // (`PagingPolicyRegistry.register`, `KVRetentionRegistry.register`) and calls
        // `MemsimCommand.main()` to build its own `memsim` (Examples/custom-policy).
        .library(
            name: "MemsimKit",
            targets: ["MemsimCLI", "Harness", "SimCore", "CachePolicies", "Paging", "Sessions"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GNU GSL, reached only through the Statistics target.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "Statistics", dependencies: ["CGSL"]),
        // zstd, reached only through the Zstd target (compressed traces).
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        .target(name: "Zstd", dependencies: ["CZstd"]),
        // The engine, randomness, configuration and the protocols models build on; no concrete policy.
        .target(
            name: "SimCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections")
            ]
        ),
        // Classic cache policies shared by the paging and sessions models.
        .target(name: "CachePolicies", dependencies: ["SimCore"]),
        // Bandit policies shared by the bandit and adapters models.
        .target(name: "BanditPolicies", dependencies: ["SimCore"]),
        // One target per model kind (two for Bandits: `bandit` and `streaming-bandit`); models never import each other.
        .target(
            name: "Paging",
            dependencies: [
                "SimCore", "CachePolicies", "Zstd", .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(name: "Sessions", dependencies: ["SimCore", "CachePolicies", "Statistics"]),
        .target(name: "ContextReaders", dependencies: ["SimCore", "Statistics"]),
        .target(name: "SharedContext", dependencies: ["SimCore", "Statistics"]),
        .target(name: "Adapters", dependencies: ["SimCore", "BanditPolicies", "Statistics"]),
        .target(name: "Bandits", dependencies: ["SimCore", "BanditPolicies", "Statistics"]),
        .target(name: "Replay", dependencies: ["SimCore", "Statistics"]),
        .target(name: "KVEviction", dependencies: ["SimCore"]),
        .target(name: "AgentMemory", dependencies: ["SimCore", "Statistics"]),
        .target(
            name: "Harness",
            dependencies: [
                "SimCore", "Statistics", "Paging", "Sessions", "ContextReaders", "SharedContext", "Adapters", "Bandits",
                "Replay", "KVEviction", "AgentMemory",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The command line: every command, as a library, so programs built on memsim reuse it.
        .target(
            name: "MemsimCLI",
            dependencies: [
                "Harness", "CachePolicies", "Paging", "Replay", "SimCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "memsim", dependencies: ["MemsimCLI"]),
        .executableTarget(
            name: "memsim-bench",
            dependencies: [
                "SimCore", "CachePolicies", "Paging", "Sessions", "Adapters", "Replay", "KVEviction", "AgentMemory",
                "Harness",
            ],
            path: "Benchmarks/MemsimBenchmarks"
        ),
        // Helpers shared by the test targets (temporary files, the repository's data, checks).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"]),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore", "TestSupport"]),
        .testTarget(name: "BanditPoliciesTests", dependencies: ["BanditPolicies", "SimCore"]),
        .testTarget(name: "PagingTests", dependencies: ["Paging", "CachePolicies", "SimCore", "TestSupport"]),
        .testTarget(name: "SessionsTests", dependencies: ["Sessions", "SimCore", "TestSupport"]),
        .testTarget(name: "ContextReadersTests", dependencies: ["ContextReaders", "SimCore"]),
        .testTarget(name: "SharedContextTests", dependencies: ["SharedContext", "SimCore"]),
        .testTarget(name: "AdaptersTests", dependencies: ["Adapters", "SimCore", "TestSupport"]),
        .testTarget(name: "BanditsTests", dependencies: ["Bandits", "SimCore"]),
        .testTarget(name: "KVEvictionTests", dependencies: ["KVEviction", "SimCore", "TestSupport"]),
        .testTarget(name: "AgentMemoryTests", dependencies: ["AgentMemory", "SimCore", "TestSupport"]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "SimCore", "Statistics", "TestSupport"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "SimCore", "Statistics", "Paging", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Harness", "SimCore", "Statistics", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
