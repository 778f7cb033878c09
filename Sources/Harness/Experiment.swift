import Foundation
import SimCore

/// Entry points of the harness: validate, run (with resume and shards) and merge.
public enum Experiment {
    /// What `run` and `merge` did.
    public struct Outcome: Sendable {
        public let plan: ExperimentPlan
        public let outputDirectory: String
        public let executed: Int
        public let resumed: Int
        /// Claim results; empty for a shard.
        public let claims: [ClaimResult]
        public let elapsedSeconds: Double
        /// Whether every claim row reached the verdict its spec declares (`ClaimResult.asExpected`).
        public var claimsAsExpected: Bool { claims.allSatisfy(\.asExpected) }
    }

    /// Options of `memsim run`.
    public struct RunOptions: Sendable {
        public var specPath: String
        public var outputDirectory: String?
        public var jobs: Int
        public var seedCount: Int?
        public var overrides: [Override]
        public var shard: Shard?
        /// Whether the spec must be a reproduction: a `reproduction` card and at least one
        /// `reproduces` claim (`memsim reproduce`).
        public var requireReproduction = false

        public init(
            specPath: String, outputDirectory: String? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
            seedCount: Int? = nil, overrides: [Override] = [], shard: Shard? = nil
        ) {
            self.specPath = specPath
            self.outputDirectory = outputDirectory
            self.jobs = jobs
            self.seedCount = seedCount
            self.overrides = overrides
            self.shard = shard
        }
    }

    /// Parses and validates a spec completely; nothing runs.
    public static func plan(specPath: String, overrides: [Override] = [], seedCount: Int? = nil) throws
        -> ExperimentPlan
    {
        let document = try YAMLDocument.load(path: specPath)
        let spec = try ExperimentSpec(document: document)
        return try ExperimentPlan(spec: spec, overrides: overrides, seedCount: seedCount)
    }

    /// Runs a sweep (or one shard of it) into its output directory, resuming finished runs.
    ///
    /// `log` receives one-line messages for standard error.
    public static func run(_ options: RunOptions, log: (String) -> Void = { _ in }) throws -> Outcome {
        guard options.jobs >= 1 else { throw HarnessError("--jobs \(options.jobs): must be at least 1") }
        let started = Date()
        let plan = try plan(specPath: options.specPath, overrides: options.overrides, seedCount: options.seedCount)
        if options.requireReproduction { try Reproductions.check(plan.spec) }
        let directory = options.outputDirectory ?? "results/\(plan.spec.name)"
        try prepareDirectory(directory)
        let store = RunStore(directory: directory, plan: plan)
        let loaded = try store.load()
        if loaded.skippedLines > 0 {
            log("\(store.path): dropped \(loaded.skippedLines) incomplete line(s) of an interrupted run")
            try store.rewrite(loaded.runs)
        }
        var finished = loaded.runs
        let mine = plan.runs.filter { options.shard?.contains($0) ?? true }
        let todo = mine.filter { finished[$0.ordinal] == nil }
        let resumed = mine.count - todo.count
        if resumed > 0 { log("\(directory): resuming, \(resumed) of \(mine.count) runs already finished") }
        if !todo.isEmpty { try removeFinalOutputs(in: directory) }

        let progress = ProgressLine(total: mine.count, alreadyDone: resumed, label: plan.spec.name)
        let collector = Collector(store: store)
        if !todo.isEmpty {
            let appender = try RunAppender(path: store.path)
            var timing = CSVWriter(header: ["key", "wall_seconds"])
            let timingBox = TimingBox()
            defer { progress.finish() }
            try SweepExecutor(plan: plan, jobs: options.jobs).execute(todo) { run, row, elapsed in
                let line = store.line(for: run, metrics: row)
                try appender.append(line)
                try collector.add(line, ordinal: run.ordinal)
                timingBox.rows.append([run.key, String(ProgressLine.seconds(elapsed))])
                progress.advance()
            }
            for row in timingBox.rows { timing.append(row) }
            try AtomicFile.write(timing.text, to: (directory as NSString).appendingPathComponent("timing.csv"))
        }
        for (ordinal, run) in collector.runs { finished[ordinal] = run }
        let complete = options.shard == nil && finished.count == plan.runs.count
        let claims = try finish(
            plan: plan, finished: finished, directory: directory, writeResults: options.shard == nil)
        try AtomicFile.write(
            Manifest.json(
                plan: plan, specPath: options.specPath, shard: options.shard, jobs: options.jobs, startedAt: started,
                finishedAt: Date(), executed: todo.count, resumed: resumed, complete: complete),
            to: (directory as NSString).appendingPathComponent("manifest.json"))
        return Outcome(
            plan: plan, outputDirectory: directory, executed: todo.count, resumed: resumed, claims: claims,
            elapsedSeconds: progress.elapsedSeconds)
    }

    /// Combines the `runs.jsonl` of shard directories into the files one unsharded run writes.
    public static func merge(
        specPath: String, overrides: [Override] = [], seedCount: Int? = nil, shardDirectories: [String],
        outputDirectory: String
    ) throws -> Outcome {
        let started = Date()
        let plan = try plan(specPath: specPath, overrides: overrides, seedCount: seedCount)
        try prepareDirectory(outputDirectory)
        let store = RunStore(directory: outputDirectory, plan: plan)
        var finished: [Int: StoredRun] = [:]
        for shardDirectory in shardDirectories {
            let file = (shardDirectory as NSString).appendingPathComponent("runs.jsonl")
            guard FileManager.default.fileExists(atPath: file) else { throw HarnessError("\(file): no such file") }
            let loaded = try store.load(from: file)
            for (ordinal, run) in loaded.runs {
                if let existing = finished[ordinal], existing.line != run.line {
                    throw HarnessError("\(file): run '\(plan.runs[ordinal].key)' differs from another shard's result")
                }
                finished[ordinal] = run
            }
        }
        let missing = plan.runs.filter { finished[$0.ordinal] == nil }
        if let first = missing.first {
            throw HarnessError(
                "merge: \(missing.count) of \(plan.runs.count) runs are missing from the shard outputs (first: '\(first.key)'); "
                    + "run the missing shards first")
        }
        let claims = try finish(plan: plan, finished: finished, directory: outputDirectory, writeResults: true)
        try AtomicFile.write(
            Manifest.json(
                plan: plan, specPath: specPath, shard: nil, jobs: 0, startedAt: started, finishedAt: Date(),
                executed: 0,
                resumed: finished.count, complete: true),
            to: (outputDirectory as NSString).appendingPathComponent("manifest.json"))
        return Outcome(
            plan: plan, outputDirectory: outputDirectory, executed: 0, resumed: finished.count, claims: claims,
            elapsedSeconds: 0)
    }

    /// Rewrites `runs.jsonl` in canonical order; when every run is finished and
    /// `writeResults`, writes summary, Pareto, tables, claims and report. Returns the claim results.
    static func finish(plan: ExperimentPlan, finished: [Int: StoredRun], directory: String, writeResults: Bool) throws
        -> [ClaimResult]
    {
        let store = RunStore(directory: directory, plan: plan)
        try store.rewrite(finished)
        guard writeResults, finished.count == plan.runs.count else { return [] }
        let summary = try SummaryTable(plan: plan, metrics: finished.mapValues(\.metrics))
        let pareto = plan.spec.pareto.map { ParetoFront(spec: $0, summary: summary) }
        let evaluator = ClaimEvaluator(summary: summary)
        let claims = try plan.spec.claims.flatMap { try evaluator.evaluate($0) }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        try AtomicFile.write(summary.csv(), to: path("summary.csv"))
        if let pareto { try AtomicFile.write(pareto.csv(), to: path("pareto.csv")) }
        let capacities = try CapacityTable(summary: summary)
        if !capacities.isEmpty { try AtomicFile.write(capacities.csv(), to: path("capacity.csv")) }
        if !plan.tableNames.isEmpty {
            try AtomicFile.write(RunTables.csv(plan: plan, finished: finished), to: path("tables.csv"))
        }
        try AtomicFile.write(ReportWriter.claimsCSV(claims), to: path("claims.csv"))
        try AtomicFile.write(
            ReportWriter.markdown(plan: plan, summary: summary, claims: claims, pareto: pareto, capacities: capacities),
            to: path("report.md"))
        return claims
    }

    static let finalOutputs = ["summary.csv", "pareto.csv", "capacity.csv", "tables.csv", "claims.csv", "report.md"]

    /// Removes results of an earlier complete sweep so that nothing stale looks complete
    /// while this one is unfinished.
    static func removeFinalOutputs(in directory: String) throws {
        for name in finalOutputs {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    throw HarnessError("\(path): cannot remove stale output: \(error.localizedDescription)")
                }
            }
        }
    }

    /// Creates the output directory and checks that files can be written in it.
    static func prepareDirectory(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw HarnessError("\(directory): cannot create output directory: \(error.localizedDescription)")
        }
        let probe = (directory as NSString).appendingPathComponent(".memsim-write-check")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw HarnessError("\(directory): output directory is not writable")
        }
        try? FileManager.default.removeItem(atPath: probe)
    }
}

/// Finished runs of this invocation, read back from their lines.
private final class Collector: @unchecked Sendable {
    let store: RunStore
    private(set) var runs: [Int: StoredRun] = [:]
    private let ordinals: [String: Int]

    init(store: RunStore) {
        self.store = store
        self.ordinals = store.ordinals
    }

    /// Called under the executor's lock.
    func add(_ line: String, ordinal: Int) throws {
        guard let run = try store.parse(line[...], source: store.path, lineNumber: 0, ordinals: ordinals) else {
            throw HarnessError("internal: cannot read back the line of run \(ordinal)")
        }
        runs[ordinal] = run
    }
}

/// Wall-clock timings of this invocation's runs (appended under the executor's lock).
private final class TimingBox: @unchecked Sendable {
    var rows: [[String]] = []
}
