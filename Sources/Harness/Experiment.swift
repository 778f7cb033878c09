import Foundation
import SimCore

/// Entry points of the harness: validate, run (with resume and shards) and merge.
public enum Experiment {
    /// The most parallel runs (`--jobs`): each is a thread with its own model state.
    public static let maxJobs = 256

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
        /// Whether the spec's claims are checked (`--no-claims`: not).
        public var checksClaims = true
        /// Whether keys set where they have no effect are warnings (`--allow-inert`) rather than errors.
        public var allowsInert = false
        /// Whether the spec must be a reproduction: a `reproduction` card and at least one
        /// `reproduces` claim (`memsim reproduce`).
        public var requireReproduction = false
        /// No progress on standard error.
        public var quiet = false

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
    public static func plan(
        specPath: String, overrides: [Override] = [], seedCount: Int? = nil, checksClaims: Bool = true,
        allowsInert: Bool = false
    ) throws -> ExperimentPlan {
        let document = try YAMLDocument.load(path: specPath)
        let spec = try ExperimentSpec(document: document)
        return try ExperimentPlan(
            spec: spec, overrides: overrides, seedCount: seedCount, checksClaims: checksClaims, allowsInert: allowsInert
        )
    }

    /// Runs a sweep (or one shard of it) into its output directory, resuming finished runs.
    ///
    /// `log` receives one-line messages for standard error.
    public static func run(_ options: RunOptions, log: (String) -> Void = { _ in }) throws -> Outcome {
        guard (1...maxJobs).contains(options.jobs) else {
            throw HarnessError("--jobs \(options.jobs): must be in 1...\(maxJobs)")
        }
        let started = Date()
        let plan = try plan(
            specPath: options.specPath, overrides: options.overrides, seedCount: options.seedCount,
            checksClaims: options.checksClaims, allowsInert: options.allowsInert)
        if options.requireReproduction { try Reproductions.check(plan.spec) }
        for note in plan.notes { log(note) }
        let output = try OutputDirectory(
            claiming: options.outputDirectory ?? "results/\(plan.spec.name)", shard: options.shard,
            holder: holderDescription(plan: plan, options: options, started: started))
        defer { output.release() }
        let directory = output.path
        let store = RunStore(directory: directory, plan: plan, path: output.runsFile)
        var finished = try loadFinished(store: store, output: output, log: log)
        let mine = plan.runs.filter { options.shard?.contains($0) ?? true }
        let todo = mine.filter { finished[$0.ordinal] == nil }
        let resumed = mine.count - todo.count
        if resumed > 0 { log("\(directory): resuming, \(resumed) of \(mine.count) runs already finished") }
        func manifest(executed: Int, finishedAt: Date?, complete: Bool) throws {
            try AtomicFile.write(
                Manifest.json(
                    plan: plan, specPath: options.specPath, shard: options.shard, jobs: options.jobs,
                    startedAt: started, finishedAt: finishedAt, executed: executed, resumed: resumed,
                    complete: complete),
                to: output.manifestFile)
        }
        // Before anything runs, the directory says that it is incomplete, and what it runs.
        try manifest(executed: 0, finishedAt: nil, complete: false)
        try AtomicFile.write(try Provenance.specYAML(plan: plan), to: output.file("spec.yaml"))
        try AtomicFile.write(Provenance.metricsJSON(plan: plan), to: output.file("metrics.json"))
        if !todo.isEmpty, options.shard == nil { try removeFinalOutputs(in: directory) }

        let jobs = try jobsThatFit(options.jobs, plan: plan, log: log)
        let progress = ProgressLine(
            total: mine.count, alreadyDone: resumed, label: plan.spec.name,
            mode: ProgressLine.mode(quiet: options.quiet))
        let collector = Collector(store: store)
        if !todo.isEmpty {
            let appender = try RunAppender(path: store.path)
            var timing = CSVWriter(header: ["key", "wall_seconds"])
            let timingBox = TimingBox()
            defer { progress.finish() }
            try SweepExecutor(plan: plan, jobs: jobs).execute(todo) { run, row, elapsed in
                let line = store.line(for: run, metrics: row)
                try appender.append(line)
                try collector.add(line, ordinal: run.ordinal)
                timingBox.rows.append([run.key, String(ProgressLine.seconds(elapsed))])
                progress.advance()
            }
            for row in timingBox.rows { timing.append(row) }
            try AtomicFile.write(timing.text, to: output.timingFile)
        }
        for (ordinal, run) in collector.runs { finished[ordinal] = run }
        let complete = options.shard == nil && finished.count == plan.runs.count
        let claims = try finish(plan: plan, finished: finished, store: store, writeResults: options.shard == nil)
        try manifest(executed: todo.count, finishedAt: Date(), complete: complete)
        return Outcome(
            plan: plan, outputDirectory: directory, executed: todo.count, resumed: resumed, claims: claims,
            elapsedSeconds: progress.elapsedSeconds)
    }

    /// `jobs`, or fewer when that many runs at once would not fit in memory (said in `log`);
    /// throws when even one run cannot fit, naming its sweep point.
    static func jobsThatFit(_ jobs: Int, plan: ExperimentPlan, log: (String) -> Void) throws -> Int {
        guard let largest = plan.points.max(by: { $0.model.estimatedRunBytes < $1.model.estimatedRunBytes }),
            largest.model.estimatedRunBytes > 0
        else { return jobs }
        let perRun = largest.model.estimatedRunBytes
        do {
            try MemoryBudget.check(perRun, for: "a run of sweep point '\(largest.label)'", key: "")
        } catch let error as ConfigError {
            throw HarnessError(error.problem + "; lower the sizes of that point")
        }
        let fit = max(1, Int(Double(MemoryBudget.usableBytes) / perRun))
        if fit < jobs {
            log("running \(fit) runs at once instead of \(jobs): each needs about \(MemoryBudget.gibibytes(perRun))")
        }
        return min(jobs, fit)
    }

    /// What a second writer is told about this run: `memsim run spec.yaml (pid 12, host h, since ...)`.
    static func holderDescription(plan: ExperimentPlan, options: RunOptions, started: Date) -> String {
        let what = options.shard.map { "shard \($0) of " } ?? ""
        let since = ISO8601DateFormatter().string(from: started)
        return
            "\(what)memsim run \(options.specPath) (pid \(getpid()), host \(ProcessInfo.processInfo.hostName), since \(since))"
    }

    /// The finished runs in the output's record file, with the shards' records for an
    /// unsharded run (shards of an array job that shared the directory); an interrupted
    /// last line is dropped and the file rewritten.
    static func loadFinished(store: RunStore, output: OutputDirectory, log: (String) -> Void) throws
        -> [Int: StoredRun]
    {
        let loaded = try store.load()
        if loaded.skippedLines > 0 {
            log("\(store.path): dropped \(loaded.skippedLines) incomplete line(s) of an interrupted run")
            try store.rewrite(loaded.runs)
        }
        var finished = loaded.runs
        if output.shard == nil {
            for file in RunStore.recordFiles(in: output.path) where file != store.path {
                try absorb(store.load(from: file).runs, from: file, into: &finished, plan: store.plan)
            }
        }
        return finished
    }

    /// Adds `runs` read from `file` to `finished`; a run found with two different results is an error.
    static func absorb(
        _ runs: [Int: StoredRun], from file: String, into finished: inout [Int: StoredRun], plan: ExperimentPlan
    )
        throws
    {
        for (ordinal, run) in runs {
            if let existing = finished[ordinal], existing.line != run.line {
                throw HarnessError("\(file): run '\(plan.runs[ordinal].key)' differs from another shard's result")
            }
            finished[ordinal] = run
        }
    }

    /// Combines the record files of shard directories (`runs.jsonl` and every
    /// `runs-shard-i-of-n.jsonl` in each) into the files one unsharded run writes.
    public static func merge(
        specPath: String, overrides: [Override] = [], seedCount: Int? = nil, checksClaims: Bool = true,
        allowsInert: Bool = false, shardDirectories: [String], outputDirectory: String
    ) throws -> Outcome {
        let started = Date()
        let plan = try plan(
            specPath: specPath, overrides: overrides, seedCount: seedCount, checksClaims: checksClaims,
            allowsInert: allowsInert)
        let output = try OutputDirectory(
            claiming: outputDirectory, shard: nil,
            holder: "memsim merge \(specPath) (pid \(getpid()), host \(ProcessInfo.processInfo.hostName))")
        defer { output.release() }
        let store = RunStore(directory: outputDirectory, plan: plan)
        var finished: [Int: StoredRun] = [:]
        for shardDirectory in shardDirectories {
            let files = RunStore.recordFiles(in: shardDirectory)
            guard !files.isEmpty else {
                throw HarnessError("\(shardDirectory): no runs.jsonl or runs-shard-i-of-n.jsonl to merge")
            }
            for file in files { try absorb(store.load(from: file).runs, from: file, into: &finished, plan: plan) }
        }
        let missing = plan.runs.filter { finished[$0.ordinal] == nil }
        if let first = missing.first {
            throw HarnessError(
                "merge: \(missing.count) of \(plan.runs.count) runs are missing from the shard outputs (first: '\(first.key)'); "
                    + "run the missing shards first")
        }
        let claims = try finish(plan: plan, finished: finished, store: store, writeResults: true)
        try AtomicFile.write(try Provenance.specYAML(plan: plan), to: output.file("spec.yaml"))
        try AtomicFile.write(Provenance.metricsJSON(plan: plan), to: output.file("metrics.json"))
        try AtomicFile.write(
            Manifest.json(
                plan: plan, specPath: specPath, shard: nil, jobs: 0, startedAt: started, finishedAt: Date(),
                executed: 0, resumed: finished.count, complete: true),
            to: output.manifestFile)
        return Outcome(
            plan: plan, outputDirectory: outputDirectory, executed: 0, resumed: finished.count, claims: claims,
            elapsedSeconds: 0)
    }

    /// Rewrites the store's record file in canonical order; when every run is finished and
    /// `writeResults`, writes summary, Pareto, tables, claims and report. Returns the claim results.
    static func finish(plan: ExperimentPlan, finished: [Int: StoredRun], store: RunStore, writeResults: Bool) throws
        -> [ClaimResult]
    {
        let directory = (store.path as NSString).deletingLastPathComponent
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
