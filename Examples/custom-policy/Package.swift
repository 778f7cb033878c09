// swift-tools-version:6.0
// A program built on memsim's library: memsim's own command line with one more paging policy
// (MRU). Build and run it from this directory:
//   swift build && .build/debug/custom-memsim paging ../../data/traces/cloudPhysicsIO.txt --policies mru,lru
import PackageDescription

let package = Package(
    name: "custom-memsim",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A copy of memsim beside this package; a project of its own names memsim's repository
        // URL and a version instead: .package(url: "https://github.com/OWNER/memsim", from: "X.Y.Z").
        .package(name: "memsim", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "custom-memsim",
            dependencies: [.product(name: "MemsimKit", package: "memsim")]
        )
    ],
    swiftLanguageModes: [.v6]
)
