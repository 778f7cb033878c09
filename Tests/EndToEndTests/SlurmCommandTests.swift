import Foundation
import TestSupport
import Testing

/// `memsim slurm` without a cluster: the scripts it writes, its bad input, and how it reports
/// a failed shard (with stand-ins for sbatch and squeue). `make test` runs it on a real
/// one-node Slurm cluster (tools/slurm-test.sh).
@Suite(.serialized) struct SlurmCommandTests {
    static let quickstart = TestFiles.repositoryRoot + "/Experiments/quickstart.yaml"

    @Test func dryRunWritesTheArrayAndTheMergeScripts() throws {
        let out = try TestFiles.temporaryDirectory() + "/job"
        let result = try CLI.run([
            "slurm", Self.quickstart, "--shards", "3", "--out", out, "--dry-run", "--partition", "short", "--time",
            "1:00:00", "--cpus-per-task", "2", "--sbatch-line=--mem=4G", "--set", "trace.requests=5000",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let array = try TestFiles.read(out + "/slurm/array.sbatch")
        for line in [
            "#SBATCH --array=1-3", "#SBATCH --partition=short", "#SBATCH --time=1:00:00", "#SBATCH --cpus-per-task=2",
            "#SBATCH --mem=4G", "#SBATCH --output=\(out)/slurm/logs/shard-%a.log",
        ] {
            #expect(array.contains(line + "\n"), "\(line) missing from\n\(array)")
        }
        #expect(
            array.contains(" run '\(Self.quickstart)' '--set' 'trace.requests=5000' --shard \"$SLURM_ARRAY_TASK_ID/3\"")
        )
        #expect(array.contains("--out '\(out)/shards/shard-'\"$SLURM_ARRAY_TASK_ID\""))
        let merge = try TestFiles.read(out + "/slurm/merge.sbatch")
        #expect(merge.contains(" merge '\(Self.quickstart)' '--set' 'trace.requests=5000' --out '\(out)/merged'"))
        #expect(merge.contains("'\(out)/shards/shard-3'") && !merge.contains("--array"))
        // Both are valid shell.
        for script in ["array", "merge"] {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/bin/bash")
            check.arguments = ["-n", out + "/slurm/\(script).sbatch"]
            try check.run()
            check.waitUntilExit()
            #expect(check.terminationStatus == 0, "\(script).sbatch")
        }
        // The same sweep again rewrites them; another one is refused.
        let again = try CLI.run([
            "slurm", Self.quickstart, "--shards", "3", "--out", out, "--dry-run", "--partition", "short", "--time",
            "1:00:00", "--cpus-per-task", "2", "--sbatch-line=--mem=4G", "--set", "trace.requests=5000",
        ])
        #expect(again.status == 0, "\(again.stderr)")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "2", "--out", out, "--dry-run"],
            contains: "holds the shards of another sweep")
    }

    @Test func badInputIsOneLine() throws {
        let out = try TestFiles.temporaryDirectory()
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "0", "--out", out], contains: "--shards 0: must be at least 1")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "181", "--out", out + "/a", "--dry-run"],
            contains: "--shards 181: the sweep has 180 runs")
        try CLI.expectError(["slurm", "--shards", "2", "--out", out], contains: "give a spec or --reproduction")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--experiments", out, "--shards", "2", "--out", out],
            contains: "--experiments names the reproductions' directory: give it with --reproduction")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "2", "--out", out + "/with space", "--dry-run"],
            contains: "cannot hold a space or '%'")
        try CLI.expectError(
            ["slurm", "--reproduction", "sleator-tarjn", "--shards", "2", "--out", out],
            contains: "unknown reproduction")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "2", "--out", out + "/b"], contains: "sbatch not found on PATH",
            environment: ["PATH": "/nonexistent"])
        // A refusal by Slurm is shown as Slurm words it.
        let bin = try Self.fakeSlurm(
            sbatch: "echo 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2; exit 1")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "2", "--out", out + "/c", "--partition", "nope"],
            contains:
                "sbatch refused \(out)/c/slurm/array.sbatch: sbatch: error: Batch job submission failed: Invalid partition",
            environment: ["PATH": bin + ":/usr/bin:/bin"])
    }

    @Test func aFailedShardIsNamedWithItsLogAndNothingIsMerged() throws {
        // sbatch "runs" the array by writing the tasks' statuses (shard 2 fails), and the
        // merge, which Slurm would cancel, never runs; squeue finds no job left.
        let bin = try Self.fakeSlurm(
            sbatch: """
                script="${@: -1}"; status="$(dirname "$script")/status"
                case "$script" in *array.sbatch) echo 0 > "$status/shard-1"; echo 3 > "$status/shard-2"; echo 0 > "$status/shard-3"; echo 41;; *) echo 42;; esac
                """)
        let out = try TestFiles.temporaryDirectory() + "/job"
        let result = try CLI.run(
            ["slurm", Self.quickstart, "--shards", "3", "--out", out, "--wait", "--quiet"],
            environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("submitted job array 41 (3 tasks) and merge job 42"), "\(result.stdout)")
        #expect(
            result.stderr.contains(
                "shard 2 of 3 failed (exit 3); its log: \(out)/slurm/logs/shard-2.log; nothing was merged"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/merged"))
    }

    @Test func aSubmissionStillQueuedIsNotSubmittedOver() throws {
        // sbatch hands out job ids 41 and 42, and squeue still lists them.
        let bin = try Self.fakeSlurm(
            sbatch: #"case "${@: -1}" in *array.sbatch) echo 41;; *) echo 42;; esac"#, squeue: "echo 41")
        let out = try TestFiles.temporaryDirectory() + "/job"
        let first = try CLI.run(
            ["slurm", Self.quickstart, "--shards", "2", "--out", out], environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try TestFiles.read(out + "/slurm/jobs") == "41\n42\n")
        try CLI.expectError(
            ["slurm", Self.quickstart, "--shards", "2", "--out", out],
            contains: "its last submission (jobs 41, 42) is still in the queue",
            environment: ["PATH": bin + ":/usr/bin:/bin"])
    }

    /// A directory holding stand-ins for `sbatch` and `squeue` (by default an empty queue),
    /// each running its body.
    static func fakeSlurm(sbatch: String, squeue: String = "exit 0") throws -> String {
        let bin = try TestFiles.temporaryDirectory()
        for (name, body) in [("sbatch", sbatch), ("squeue", squeue)] {
            let path = bin + "/" + name
            try TestFiles.write("#!/bin/bash\n" + body + "\n", to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return bin
    }
}
