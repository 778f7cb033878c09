import Foundation
import TestSupport

/// Runs the built `memsim` executable.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable: MEMSIM_BIN, else the debug build next to the tests.
    static var executable: String {
        if let path = ProcessInfo.processInfo.environment["MEMSIM_BIN"] { return path }
        for candidate in [".build/debug/memsim", ".build/release/memsim"] {
            let path = (TestFiles.repositoryRoot as NSString).appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return (TestFiles.repositoryRoot as NSString).appendingPathComponent(".build/debug/memsim")
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
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? TestFiles.repositoryRoot)
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
