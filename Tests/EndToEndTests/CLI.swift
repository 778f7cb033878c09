import Foundation

/// Runs the built `memsim` executable.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The repository root (from this file's path, or MEMSIM_ROOT).
    static var root: String {
        if let root = ProcessInfo.processInfo.environment["MEMSIM_ROOT"] { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The executable: MEMSIM_BIN, else the debug build next to the tests.
    static var executable: String {
        if let path = ProcessInfo.processInfo.environment["MEMSIM_BIN"] { return path }
        for candidate in [".build/debug/memsim", ".build/release/memsim"] {
            let path = (root as NSString).appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return (root as NSString).appendingPathComponent(".build/debug/memsim")
    }

    /// Runs `memsim arguments...` to completion in `directory`.
    static func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
        let process = try start(arguments, in: directory)
        let out = process.standardOutput as? Pipe
        let err = process.standardError as? Pipe
        let outData = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let errData = err?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `memsim arguments...` without waiting.
    static func start(_ arguments: [String], in directory: String? = nil, discardOutput: Bool = false) throws -> Process
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        if discardOutput {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        } else {
            process.standardOutput = Pipe()
            process.standardError = Pipe()
        }
        try process.run()
        return process
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("memsim-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The outputs that must be byte-identical between equivalent runs.
    static let deterministicOutputs = ["runs.jsonl", "summary.csv", "pareto.csv", "claims.csv", "report.md"]

    /// A sweep of 3 policies x 4 sizes x 6 seeds = 72 runs, a few milliseconds each.
    static let sweepSpec = """
        name: e2e
        model: paging
        seeds: 6
        base:
          trace: {alpha: 0.9, objects: 2000, requests: 20000}
        sweep:
          policy: [fifo, lru, opt]
          cache_fraction: [0.01, 0.05, 0.1, 0.3]
        pareto: {x: cache_fraction, y: miss_ratio, minimize: [x, y], series: policy}
        claims:
          - {role: sanity, kind: ordering, metric: miss_ratio, order: [opt, lru, fifo]}
          - {role: sanity, kind: ratio, metric: miss_ratio, numerator: {policy: lru}, denominator: {policy: opt}, min: 1}
        """
}
