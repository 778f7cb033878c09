import Foundation
import TestSupport
import Testing

/// End-to-end: the built CLI on literal argument lists.
@Suite(.serialized) struct DeterminismTests {
    @Test func jobs1AndJobs4AndRepeatedRunsAreByteIdentical() throws {
        let directory = try TestFiles.temporaryDirectory()
        let spec = directory + "/spec.yaml"
        try TestFiles.write(CLI.sweepSpec, to: spec)
        for (out, jobs) in [("a", "1"), ("b", "4"), ("c", "4")] {
            let result = try CLI.run(["run", spec, "--out", directory + "/" + out, "--jobs", jobs])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for name in CLI.deterministicOutputs {
            let a = try TestFiles.read(directory + "/a/" + name)
            #expect(!a.isEmpty, "\(name)")
            #expect(
                a == (try TestFiles.read(directory + "/b/" + name)), "\(name) differs between --jobs 1 and --jobs 4")
            #expect(a == (try TestFiles.read(directory + "/c/" + name)), "\(name) differs between two runs")
        }
        #expect(try TestFiles.read(directory + "/a/runs.jsonl").split(separator: "\n").count == 72)
    }

    @Test func interruptedSweepResumesToTheSameFilesWithoutRedoingRuns() throws {
        let directory = try TestFiles.temporaryDirectory()
        let spec = directory + "/spec.yaml"
        // Larger runs so that the sweep is still going when it is killed.
        try TestFiles.write(
            CLI.sweepSpec.replacingOccurrences(of: "requests: 20000", with: "requests: 200000"), to: spec)
        let reference = try CLI.run(["run", spec, "--out", directory + "/reference", "--jobs", "2"])
        #expect(reference.status == 0, "\(reference.stderr)")

        let out = directory + "/interrupted"
        let runs = out + "/runs.jsonl"
        let process = try CLI.start(["run", spec, "--out", out, "--jobs", "2"], discardOutput: true)
        var finishedBeforeKill = 0
        for _ in 0..<3_000 {
            finishedBeforeKill = ((try? TestFiles.read(runs)) ?? "").split(separator: "\n").count
            if finishedBeforeKill >= 10 || !process.isRunning { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = (try? TestFiles.read(runs)) ?? ""
        let complete = partial.split(separator: "\n").filter { $0.hasSuffix("}") }.count
        #expect(complete < 72, "the sweep finished before it could be killed; make the runs longer")
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"), "no summary while incomplete")

        let resumed = try CLI.run(["run", spec, "--out", out, "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // The re-run executes only the runs that had not finished.
        let executed = try #require(Int(resumed.stdout.split(separator: " ").dropFirst().first ?? ""))
        let reused = 72 - executed
        #expect(reused >= complete - 1 && reused <= complete, "\(resumed.stdout)")
        #expect(resumed.stderr.contains("resuming"), "\(resumed.stderr)")
        for name in CLI.deterministicOutputs {
            #expect(try TestFiles.read(out + "/" + name) == TestFiles.read(directory + "/reference/" + name), "\(name)")
        }
        // Running a finished sweep again executes nothing and changes nothing.
        let again = try CLI.run(["run", spec, "--out", out])
        #expect(again.stdout.hasPrefix("e2e: 0 runs executed, 72 reused"), "\(again.stdout)")
        #expect(try TestFiles.read(out + "/summary.csv") == TestFiles.read(directory + "/reference/summary.csv"))
    }

    @Test func shardsMergeIntoTheUnshardedFiles() throws {
        let directory = try TestFiles.temporaryDirectory()
        let spec = directory + "/spec.yaml"
        try TestFiles.write(CLI.sweepSpec, to: spec)
        #expect(try CLI.run(["run", spec, "--out", directory + "/whole"]).status == 0)
        var shardDirectories: [String] = []
        for i in 1...3 {
            let out = directory + "/shard\(i)"
            let result = try CLI.run(["run", spec, "--out", out, "--shard", "\(i)/3"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try TestFiles.read(out + "/runs-shard-\(i)-of-3.jsonl").split(separator: "\n").count == 24)
            #expect(!FileManager.default.fileExists(atPath: out + "/runs.jsonl"))
            #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
            shardDirectories.append(out)
        }
        let merged = try CLI.run(["merge", spec, "--out", directory + "/merged"] + shardDirectories)
        #expect(merged.status == 0, "\(merged.stderr)")
        for name in CLI.deterministicOutputs {
            #expect(
                try TestFiles.read(directory + "/merged/" + name) == TestFiles.read(directory + "/whole/" + name),
                "\(name)")
        }
        let incomplete = try CLI.run(["merge", spec, "--out", directory + "/bad"] + shardDirectories.prefix(2))
        #expect(incomplete.status == 1)
        #expect(incomplete.stderr.contains("24 of 72 runs are missing"), "\(incomplete.stderr)")
    }
}

/// End-to-end: per-run tables (the replay model's accuracy matrix) in `runs.jsonl` and `tables.csv`.
@Suite(.serialized) struct RunTablesTests {
    static let spec = """
        name: tables
        model: replay
        seeds: 2
        base:
          stream: {tasks: 3, classes: 6, dimension: 8, samples_per_task: 200, test_per_class: 10}
          eval: {every: 1000}
        sweep:
          buffer: [reservoir, none]
        """

    @Test func accuracyMatricesAreWrittenIdenticallyAcrossJobsAndShards() throws {
        let directory = try TestFiles.temporaryDirectory()
        let spec = directory + "/spec.yaml"
        try TestFiles.write(Self.spec, to: spec)
        for (out, arguments) in [
            ("a", ["--jobs", "1"]), ("b", ["--jobs", "2"]), ("s1", ["--shard", "1/2"]), ("s2", ["--shard", "2/2"]),
        ] {
            let result = try CLI.run(["run", spec, "--out", directory + "/" + out] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(
            try CLI.run(["merge", spec, "--out", directory + "/m", directory + "/s1", directory + "/s2"]).status == 0)
        let tables = try TestFiles.read(directory + "/a/tables.csv")
        for other in ["b", "m"] {
            #expect(try TestFiles.read(directory + "/\(other)/tables.csv") == tables, "\(other)")
        }
        let lines = tables.split(separator: "\n")
        #expect(lines.first == "buffer,seed,table,row,column,value")
        // 2 points x 2 seeds x a 3 x 3 matrix.
        #expect(lines.count == 1 + 2 * 2 * 9)
        #expect(lines[1].hasPrefix("reservoir,1,accuracy_matrix,0,0,"))
        // The last row's mean is the run's final accuracy.
        let run = try #require(try TestFiles.read(directory + "/a/runs.jsonl").split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.utf8)) as? [String: Any])
        let matrix = try #require((object["tables"] as? [String: Any])?["accuracy_matrix"] as? [[Double]])
        let final = try #require((object["metrics"] as? [String: Any])?["final_accuracy"] as? Double)
        #expect(matrix.count == 3 && matrix.allSatisfy { $0.count == 3 })
        #expect(abs((matrix[2].reduce(0, +) / 3) - final) < 1e-12)
        // A resumed sweep (half of its runs lost) writes the same tables.
        let runs = try TestFiles.read(directory + "/a/runs.jsonl").split(separator: "\n")
        try TestFiles.write(runs.prefix(2).map { $0 + "\n" }.joined(), to: directory + "/a/runs.jsonl")
        let resumed = try CLI.run(["run", spec, "--out", directory + "/a"])
        #expect(
            resumed.status == 0 && resumed.stdout.hasPrefix("tables: 2 runs executed, 2 reused"), "\(resumed.stdout)")
        #expect(try TestFiles.read(directory + "/a/tables.csv") == tables)
    }
}

/// Capacity claims and `capacity.csv` (sessions model): the same bytes whatever `--jobs`, and
/// from two merged shards or a resumed run.
@Suite struct CapacityOutputTests {
    static let spec = """
        name: capacity-e2e
        model: sessions
        seeds: 3
        base:
          workload: {duration: 20, turns_mean: 3, think_time_mean: 5}
        sweep:
          retention: [stateless, hbm-lru]
          workload.arrival_rate: [0.5, 1, 2, 4, 8, 16]
        claims:
          - name: stateful-capacity
            kind: capacity
            role: counter
            metric: ttft_p50
            slo: 0.5
            rate: workload.arrival_rate
            numerator: {retention: hbm-lru}
            denominator: {retention: stateless}
            min: 1
        """

    @Test func capacityOutputsAreByteIdenticalAcrossJobsShardsAndResumes() throws {
        let directory = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = directory + "/spec.yaml"
        try TestFiles.write(Self.spec, to: spec)
        for (out, jobs) in [("a", "1"), ("b", "2")] {
            let result = try CLI.run(["run", spec, "--out", directory + "/" + out, "--jobs", jobs])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for shard in ["1/2", "2/2"] {
            let result = try CLI.run(["run", spec, "--shard", shard, "--out", directory + "/shard" + shard.prefix(1)])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let merged = try CLI.run([
            "merge", spec, "--out", directory + "/merged", directory + "/shard1", directory + "/shard2",
        ])
        #expect(merged.status == 0, "\(merged.stderr)")
        // A resumed run: half of the finished lines kept, the rest run again.
        let lines = try TestFiles.read(directory + "/a/runs.jsonl").split(separator: "\n")
        try FileManager.default.copyItem(atPath: directory + "/a", toPath: directory + "/resumed")
        try TestFiles.write(
            lines.prefix(lines.count / 2).joined(separator: "\n") + "\n", to: directory + "/resumed/runs.jsonl")
        let resumed = try CLI.run(["run", spec, "--out", directory + "/resumed"])
        #expect(resumed.status == 0 && resumed.stderr.contains("resuming"), "\(resumed.stderr)")
        let capacity = try TestFiles.read(directory + "/a/capacity.csv")
        #expect(
            capacity.hasPrefix(
                "retention,metric,slo,rate_key,n,mean,sd,ci95_low,ci95_high,censored_below,censored_above\n"))
        #expect(capacity.split(separator: "\n").count == 3, "one row per series")
        for name in ["runs.jsonl", "summary.csv", "claims.csv", "report.md", "capacity.csv"] {
            let reference = try TestFiles.read(directory + "/a/" + name)
            for other in ["b", "merged", "resumed"] {
                #expect(
                    reference == (try TestFiles.read(directory + "/" + other + "/" + name)),
                    "\(name) differs in \(other)")
            }
        }
        #expect(try TestFiles.read(directory + "/a/claims.csv").contains(",counter,"))
    }
}
