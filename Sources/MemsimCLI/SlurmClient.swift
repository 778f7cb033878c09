import Foundation
import Harness

/// Slurm's client commands as `memsim slurm` uses them: finding them on PATH, submitting a
/// script, waiting for jobs to leave the queue, and reading the tasks' exit statuses.
enum SlurmClient {
    /// The path of Slurm's `name` command on PATH.
    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw HarnessError(
            "\(name) not found on PATH: memsim slurm submits with Slurm's client commands (or give --dry-run to write the scripts only)"
        )
    }

    /// Runs `tool arguments`, returning its exit status, standard output and standard error.
    static func call(_ tool: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    /// Submits with `sbatch --parsable`; the job id, or Slurm's refusal as an error.
    static func submit(_ sbatch: String, _ arguments: [String]) throws -> String {
        let result = try call(sbatch, ["--parsable"] + arguments)
        let id = result.out.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard result.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            let message = result.err.split(separator: "\n").joined(separator: "; ")
            throw HarnessError(
                "sbatch refused \(arguments.last ?? ""): \(message.isEmpty ? "exit \(result.status)" : message)")
        }
        return id
    }

    /// Whether any of `ids` is still in the queue. `squeue` answers "Invalid job id" for jobs
    /// the controller has forgotten (none left); other failures (a controller that does not
    /// answer) are retried for about two minutes, then reported.
    static func inQueue(_ ids: [String], squeue: String) throws -> Bool {
        var failures = 0
        while true {
            let queue = try call(squeue, ["-h", "-o", "%i", "-j", ids.joined(separator: ",")])
            if queue.status == 0 { return !queue.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if queue.err.contains("Invalid job id") { return false }
            failures += 1
            if failures >= 60 {
                throw HarnessError("squeue keeps failing: \(queue.err.split(separator: "\n").joined(separator: "; "))")
            }
            Thread.sleep(forTimeInterval: 2)
        }
    }

    /// Throws if the directory's last submission is still queued or running: its tasks hold
    /// the shards and would write their statuses into the new submission's.
    static func requireIdle(_ job: SlurmJob, squeue: String) throws {
        guard let text = try? String(contentsOfFile: job.jobsPath, encoding: .utf8) else { return }
        let ids = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        if !ids.isEmpty, try inQueue(ids, squeue: squeue) {
            throw HarnessError(
                "\(job.directory): its last submission (jobs \(ids.joined(separator: ", "))) is still in the queue; "
                    + "wait for it or cancel it with scancel")
        }
    }

    /// Cancels `ids`, as far as `scancel` can (best effort).
    static func cancel(_ ids: [String]) {
        guard let scancel = try? tool("scancel") else { return }
        _ = try? call(scancel, ids)
    }

    /// Blocks until none of `ids` is in the queue, reporting the runs the shards finished
    /// (`reused` of them before this submission) every few seconds.
    static func wait(
        for ids: [String], squeue: String, job: SlurmJob, totalRuns: Int, reused: Int, quiet: Bool
    ) throws {
        let progress = ProgressLine(
            total: totalRuns, alreadyDone: reused, label: job.name, mode: ProgressLine.mode(quiet: quiet))
        defer { progress.finish() }
        var seen = reused
        func catchUp() {
            let done = finishedRuns(job)
            while seen < done {
                progress.advance()
                seen += 1
            }
            progress.tick()
        }
        while try inQueue(ids, squeue: squeue) {
            catchUp()
            Thread.sleep(forTimeInterval: 2)
        }
        catchUp()
    }

    /// Runs finished by the shards so far: lines of their run files.
    static func finishedRuns(_ job: SlurmJob) -> Int {
        (1...job.shards).reduce(0) { count, i in
            let path = job.shardDirectory(i) + "/runs-shard-\(i)-of-\(job.shards).jsonl"
            guard let data = FileManager.default.contents(atPath: path) else { return count }
            return count + data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
    }
}
