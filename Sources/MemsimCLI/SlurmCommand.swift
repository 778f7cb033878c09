import ArgumentParser
import Foundation
import Harness

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a sweep as a Slurm job array (one task per shard) and a merge job that waits for it.",
        discussion: """
            Writes OUT/slurm/array.sbatch and OUT/slurm/merge.sbatch, submits both with sbatch (the merge with \
            --dependency=afterok on the array) and prints the job ids. Shards write OUT/shards/shard-i, the merge \
            OUT/merged; logs go to OUT/slurm/logs. Re-submitting the same sweep reuses the runs that finished.
            """
    )

    @Argument(help: "Experiment spec (YAML); or give --reproduction.")
    var spec: String?

    @Option(help: "A reproduction's name instead of a spec (found as 'memsim reproduce' finds them).")
    var reproduction: String?

    @Option(help: ArgumentHelp("Directory of reproduction specs (with --reproduction).", valueName: "dir"))
    var experiments: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a configuration key (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Use seeds 1...N instead of the spec's seeds.")
    var seeds: Int?

    @Option(help: "Number of shards: tasks of the job array.")
    var shards: Int

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "Slurm partition (#SBATCH --partition).")
    var partition: String?

    @Option(help: "Time limit of each task and of the merge (#SBATCH --time, e.g. 2:00:00).")
    var time: String?

    @Option(help: "CPUs per task (#SBATCH --cpus-per-task); each task runs that many runs at once.")
    var cpusPerTask = 1

    @Option(
        name: .customLong("sbatch-line"),
        help: ArgumentHelp(
            "An extra #SBATCH line for both scripts (repeatable), e.g. --sbatch-line=--mem=8G or '#SBATCH --mem=8G'.",
            valueName: "line"))
    var sbatchLines: [String] = []

    @Flag(help: "Do not check the spec's claims when merging.")
    var noClaims = false

    @Flag(help: "Accept keys set where they have no effect, as warnings, instead of errors.")
    var allowInert = false

    @Flag(help: "Write the scripts, do not submit them.")
    var dryRun = false

    @Flag(help: "Wait until the merge job ends; exit with its status (and name a failed shard and its log).")
    var wait = false

    @Flag(help: "No progress on standard error while waiting.")
    var quiet = false

    func validate() throws {
        if (spec == nil) == (reproduction == nil) {
            throw ValidationError("give a spec or --reproduction NAME (one of them, not both)")
        }
        if experiments != nil, reproduction == nil {
            throw ValidationError("--experiments names the reproductions' directory: give it with --reproduction")
        }
        if shards < 1 { throw ValidationError("--shards \(shards): must be at least 1") }
        if cpusPerTask < 1 || cpusPerTask > Experiment.maxJobs {
            throw ValidationError("--cpus-per-task \(cpusPerTask): must be in 1...\(Experiment.maxJobs)")
        }
        if dryRun && wait { throw ValidationError("--dry-run writes the scripts only: it cannot --wait") }
    }

    func run() throws {
        let specPath = try resolvedSpecPath()
        let parsedOverrides = try overrides.map(Override.parse)
        let plan = try Experiment.plan(
            specPath: specPath, overrides: parsedOverrides, seedCount: seeds, checksClaims: !noClaims,
            allowsInert: allowInert)
        guard shards <= plan.runs.count else {
            throw HarnessError(
                "--shards \(shards): the sweep has \(plan.runs.count) runs; give at most that many shards")
        }
        let specArguments =
            overrides.flatMap { ["--set", $0] } + (seeds.map { ["--seeds", String($0)] } ?? [])
            + (noClaims ? ["--no-claims"] : []) + (allowInert ? ["--allow-inert"] : [])
        var job = SlurmJob(
            executable: try executablePath(), specPath: absolute(specPath), specArguments: specArguments,
            name: plan.spec.name, shards: shards, directory: absolute(out), partition: partition,
            timeLimit: time, cpusPerTask: cpusPerTask, extraLines: sbatchLines)
        job.strictClaims = reproduction != nil
        if dryRun {
            try job.write()
            print("wrote \(job.arrayScriptPath) and \(job.mergeScriptPath) (not submitted)")
            return
        }
        // Every client command is found, and the last submission has left the queue, before
        // anything is written or submitted.
        let sbatch = try SlurmClient.tool("sbatch")
        let squeue = try SlurmClient.tool("squeue")
        try SlurmClient.requireIdle(job, squeue: squeue)
        try job.write()
        let reused = SlurmClient.finishedRuns(job)
        let array = try SlurmClient.submit(sbatch, [job.arrayScriptPath])
        let merge: String
        do {
            merge = try SlurmClient.submit(
                sbatch, ["--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes", job.mergeScriptPath])
        } catch {
            SlurmClient.cancel([array])
            throw HarnessError("\(error) (the job array \(array) was cancelled)")
        }
        try ([array, merge].joined(separator: "\n") + "\n").write(
            toFile: job.jobsPath, atomically: true, encoding: .utf8)
        // Written at once (not buffered as print is), before any progress while waiting.
        let submitted =
            "submitted job array \(array) (\(shards) tasks) and merge job \(merge); logs in \(job.slurmDirectory)/logs\n"
        FileHandle.standardOutput.write(Data(submitted.utf8))
        guard wait else { return }
        try SlurmClient.wait(
            for: [array, merge], squeue: squeue, job: job, totalRuns: plan.runs.count, reused: reused, quiet: quiet)
        try job.checkOutcome()
        print("merged \(plan.spec.name) into \(job.mergedDirectory)")
    }

    private func resolvedSpecPath() throws -> String {
        if let spec { return spec }
        let directory = try experiments ?? Reproductions.locateDirectory()
        let name = try Reproductions.checkedName(reproduction ?? "", in: directory)
        return Reproductions.specPath(name, in: directory)
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }

    private func executablePath() throws -> String {
        guard let url = Bundle.main.executableURL else {
            throw HarnessError("cannot tell where this memsim executable is, which the batch scripts must run")
        }
        return url.resolvingSymlinksInPath().path
    }
}
