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

    /// Blocks until none of `ids` is in the queue, reporting the runs the shards finished.
    static func wait(for ids: [String], job: SlurmJob, totalRuns: Int, quiet: Bool) throws {
        let squeue = try tool("squeue")
        let progress = ProgressLine(
            total: totalRuns, alreadyDone: 0, label: job.name, mode: ProgressLine.mode(quiet: quiet))
        defer { progress.finish() }
        var seen = 0
        while true {
            let done = finishedRuns(job)
            while seen < done {
                progress.advance()
                seen += 1
            }
            let queue = try call(squeue, ["-h", "-o", "%i", "-j", ids.joined(separator: ",")])
            // squeue fails once every job has left the queue and been forgotten.
            if queue.status != 0 || queue.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
            Thread.sleep(forTimeInterval: 1)
        }
        while seen < finishedRuns(job) {
            progress.advance()
            seen += 1
        }
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
