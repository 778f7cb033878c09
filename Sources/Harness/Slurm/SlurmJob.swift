import Foundation

/// A sweep as a Slurm job array and a merge job: the batch scripts `memsim slurm` writes.
///
/// Layout under the output directory `DIR`: `DIR/slurm/array.sbatch` (task i runs
/// `memsim run SPEC --shard i/N --out DIR/shards/shard-i`), `DIR/slurm/merge.sbatch`
/// (`memsim merge SPEC --out DIR/merged DIR/shards/shard-1 ...`, submitted to run after
/// every task succeeded), each task's log `DIR/slurm/logs/shard-i.log` and the merge's
/// `merge.log`, and exit statuses `DIR/slurm/status/shard-i` and `merge`. A task resumes its
/// shard directory, so re-submitting reuses the runs that finished.
public struct SlurmJob: Sendable, Equatable {
    /// The memsim executable the tasks run (an absolute path).
    public var executable: String
    /// The spec (an absolute path) and its options, passed on to `run` and `merge`.
    public var specPath: String
    public var specArguments: [String]
    public var name: String
    public var shards: Int
    /// The output directory (an absolute path).
    public var directory: String
    public var partition: String?
    public var timeLimit: String?
    public var cpusPerTask: Int
    /// Extra `#SBATCH` lines, as given (with or without the `#SBATCH ` prefix).
    public var extraLines: [String]
    /// Whether the merge exits 2 when a claim misses its declared verdict (reproductions).
    public var strictClaims = false

    public init(
        executable: String, specPath: String, specArguments: [String], name: String, shards: Int, directory: String,
        partition: String? = nil, timeLimit: String? = nil, cpusPerTask: Int = 1, extraLines: [String] = []
    ) {
        self.executable = executable
        self.specPath = specPath
        self.specArguments = specArguments
        self.name = name
        self.shards = shards
        self.directory = directory
        self.partition = partition
        self.timeLimit = timeLimit
        self.cpusPerTask = cpusPerTask
        self.extraLines = extraLines
    }

    public var slurmDirectory: String { directory + "/slurm" }
    public var arrayScriptPath: String { slurmDirectory + "/array.sbatch" }
    public var mergeScriptPath: String { slurmDirectory + "/merge.sbatch" }
    public var mergedDirectory: String { directory + "/merged" }
    public func shardDirectory(_ i: Int) -> String { directory + "/shards/shard-\(i)" }
    public func shardLog(_ i: Int) -> String { slurmDirectory + "/logs/shard-\(i).log" }
    public var mergeLog: String { slurmDirectory + "/logs/merge.log" }
    public func shardStatus(_ i: Int) -> String { slurmDirectory + "/status/shard-\(i)" }
    public var mergeStatus: String { slurmDirectory + "/status/merge" }
    /// The sweep the directory's shards belong to (spec, its options and the shard count).
    public var sweepPath: String { slurmDirectory + "/sweep" }
    /// The job ids of the last submission, one per line.
    public var jobsPath: String { slurmDirectory + "/jobs" }

    /// What identifies the sweep: the runs and their shards, not how Slurm schedules them.
    public var sweepIdentity: String {
        ([specPath] + specArguments + ["shards=\(shards)"]).joined(separator: "\n") + "\n"
    }

    /// Throws unless the directory and the extra lines can go into `#SBATCH` lines: no
    /// whitespace or `%` in the directory (Slurm reads `%` as a file-name pattern), no line
    /// break in an extra line.
    public func checkSchedulable() throws {
        if directory.contains(where: { $0.isWhitespace || $0 == "%" }) {
            throw HarnessError(
                "--out \(directory): Slurm's #SBATCH --output cannot hold a space or '%'; give another directory")
        }
        if let line = extraLines.first(where: { $0.contains(where: \.isNewline) }) {
            throw HarnessError("--sbatch-line '\(line)': one line each, without a line break")
        }
    }

    /// `text` quoted for a POSIX shell.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func header(jobName: String, output: String, array: Bool) -> [String] {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(jobName)", "#SBATCH --output=\(output)"]
        if array { lines.append("#SBATCH --array=1-\(shards)") }
        lines.append("#SBATCH --cpus-per-task=\(array ? cpusPerTask : 1)")
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
        lines += extraLines.map { $0.hasPrefix("#SBATCH") ? $0 : "#SBATCH " + $0 }
        return lines
    }

    /// The job array's script: one task per shard.
    public var arrayScript: String {
        let command =
            ([Self.quoted(executable), "run", Self.quoted(specPath)] + specArguments.map(Self.quoted)
            + [
                "--shard", "\"$SLURM_ARRAY_TASK_ID/\(shards)\"", "--out",
                Self.quoted(directory + "/shards/shard-") + "\"$SLURM_ARRAY_TASK_ID\"",
                "--jobs", "\"${SLURM_CPUS_PER_TASK:-1}\"",
            ]).joined(separator: " ")
        let lines =
            header(jobName: "memsim-\(name)", output: slurmDirectory + "/logs/shard-%a.log", array: true) + [
                "# memsim slurm: \(name), \(shards) shards",
                command,
                "status=$?",
                "echo \"$status\" > \(Self.quoted(slurmDirectory + "/status/shard-"))\"$SLURM_ARRAY_TASK_ID\"",
                "exit \"$status\"",
            ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The merge job's script (submitted with `--dependency=afterok:` the array).
    public var mergeScript: String {
        let shardDirectories = (1...max(shards, 1)).map { Self.quoted(shardDirectory($0)) }
        let command =
            ([Self.quoted(executable), "merge", Self.quoted(specPath)] + specArguments.map(Self.quoted)
            + (strictClaims ? ["--strict-claims"] : []) + ["--out", Self.quoted(mergedDirectory)] + shardDirectories)
            .joined(separator: " ")
        let lines =
            header(jobName: "memsim-\(name)-merge", output: mergeLog, array: false) + [
                command,
                "status=$?",
                "echo \"$status\" > \(Self.quoted(mergeStatus))",
                "exit \"$status\"",
            ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes both scripts and makes the log and status directories. Refuses a directory
    /// whose shards belong to another sweep (another spec, options or shard count), so shards
    /// of two sweeps never meet; the same sweep's scripts are rewritten (a re-submission, with
    /// other Slurm options if need be).
    public func write() throws {
        try checkSchedulable()
        let manager = FileManager.default
        if let existing = try? String(contentsOfFile: sweepPath, encoding: .utf8), existing != sweepIdentity {
            throw HarnessError(
                "\(directory): holds the shards of another sweep (\(sweepPath): "
                    + existing.split(separator: "\n").joined(separator: " ") + "); give another --out")
        }
        for sub in ["logs", "status"] {
            try manager.createDirectory(atPath: slurmDirectory + "/" + sub, withIntermediateDirectories: true)
        }
        try manager.createDirectory(atPath: directory + "/shards", withIntermediateDirectories: true)
        for i in 1...shards where manager.fileExists(atPath: shardStatus(i)) {
            try manager.removeItem(atPath: shardStatus(i))
        }
        if manager.fileExists(atPath: mergeStatus) { try manager.removeItem(atPath: mergeStatus) }
        try sweepIdentity.write(toFile: sweepPath, atomically: true, encoding: .utf8)
        try arrayScript.write(toFile: arrayScriptPath, atomically: true, encoding: .utf8)
        try mergeScript.write(toFile: mergeScriptPath, atomically: true, encoding: .utf8)
    }

    /// Throws unless the merge succeeded (its status file says 0): names the first shard that
    /// failed or did not finish and its log, or else the merge's own failure and its log.
    public func checkOutcome() throws {
        func status(_ path: String) -> Int? {
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        if let merged = status(mergeStatus) {
            if merged == 0 { return }
            if merged == 2, strictClaims {
                throw HarnessError(
                    "claims off their declared verdict: see \(mergedDirectory)/claims.csv and \(mergeLog)")
            }
            throw HarnessError("the merge failed (exit \(merged)); its log: \(mergeLog)")
        }
        let codes = (1...shards).map { status(shardStatus($0)) }
        // A shard that failed says more than one that did not finish.
        if let i = codes.indices.first(where: { (codes[$0] ?? 0) != 0 }), let code = codes[i] {
            throw HarnessError(
                "shard \(i + 1) of \(shards) failed (exit \(code)); its log: \(shardLog(i + 1)); nothing was merged; "
                    + "re-submit to reuse the finished runs")
        }
        if let i = codes.firstIndex(where: { $0 == nil }) {
            throw HarnessError(
                "shard \(i + 1) of \(shards) did not finish (cancelled, or out of time); its log: \(shardLog(i + 1)); "
                    + "nothing was merged; re-submit to reuse the finished runs")
        }
        let command = mergeScript.split(separator: "\n").first { $0.contains(" merge ") }.map(String.init)
        throw HarnessError(
            "every shard finished but the merge did not run (Slurm cancels it once a task has failed, even if the task "
                + "was requeued and succeeded); merge by hand with: \(command ?? "memsim merge")")
    }
}
