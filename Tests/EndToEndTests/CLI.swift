import Foundation
import TestSupport
import Testing

/// Runs the built `memsim` executable.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether a signal ended the process (a crash, or the kill after `timedOut`).
        var signaled = false
        /// Whether the process outlived its time limit and was killed.
        var timedOut = false
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

    /// Runs `memsim arguments...` to completion in `directory`, with `environment` added to
    /// this process's; killed after `timeout` seconds. Output goes through files, so a chatty
    /// process never blocks on a full pipe.
    static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        timeout: Double = 1_200
    ) throws -> Result {
        let files = try TestFiles.temporaryDirectory()
        let outPath = files + "/stdout"
        let errPath = files + "/stderr"
        for path in [outPath, errPath] { try TestFiles.write("", to: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? TestFiles.repositoryRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        // Test code only: a wall-clock limit on a child process.
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: try TestFiles.read(outPath), stderr: try TestFiles.read(errPath),
            signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    /// Expects `memsim arguments...` to fail as bad input should: a non-zero exit, no signal,
    /// and one line `memsim: error: ...` on standard error that contains `expected`.
    @discardableResult
    static func expectError(
        _ arguments: [String], contains expected: String, in directory: String? = nil,
        environment: [String: String] = [:], timeout: Double = 120
    ) throws -> Result {
        let result = try run(arguments, in: directory, environment: environment, timeout: timeout)
        #expect(result.status != 0 && !result.signaled && !result.timedOut, "\(arguments): \(result)")
        #expect(result.stderr.split(separator: "\n").count == 1, "expected one line, got: \(result.stderr)")
        #expect(result.stderr.hasPrefix("memsim: error: "), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr) lacks \(expected)")
        return result
    }

    /// Writes `text` as `spec.yaml` in a fresh temporary directory; returns both paths.
    static func spec(_ text: String) throws -> (directory: String, path: String) {
        let directory = try TestFiles.temporaryDirectory()
        let path = directory + "/spec.yaml"
        try TestFiles.write(text, to: path)
        return (directory, path)
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
