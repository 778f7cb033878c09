import Foundation
import TestSupport
import Testing

/// Progress on standard error when it is not a terminal, and reproductions found from any
/// working directory.
@Suite(.serialized) struct ProgressAndLocationTests {
    @Test func aSweepToANonTerminalWritesPlainProgressLinesAndTheSameOutputs() throws {
        let directory = try TestFiles.temporaryDirectory()
        let spec = directory + "/spec.yaml"
        try TestFiles.write(CLI.sweepSpec, to: spec)
        // Standard error is a file here: plain lines, one per tenth of the 72 runs at most,
        // and the last at 72/72.
        let loud = try CLI.run(["run", spec, "--out", directory + "/loud", "--jobs", "2"])
        #expect(loud.status == 0, "\(loud.stderr)")
        let lines = loud.stderr.split(separator: "\n").filter { $0.contains(" runs (") }
        #expect(lines.count >= 2 && lines.count <= 11, "\(loud.stderr)")
        #expect(!loud.stderr.contains("\r"), "a redrawn line went to a file")
        let last = try #require(lines.last)
        #expect(last.hasPrefix("e2e: 72/72 runs (0 reused), "), "\(last)")
        #expect(last.contains(" elapsed, ") && last.contains(" runs/s, ") && last.hasSuffix(" left"), "\(last)")
        // --quiet: no progress, and the outputs are byte for byte the same.
        let quiet = try CLI.run(["run", spec, "--out", directory + "/quiet", "--jobs", "2", "--quiet"])
        #expect(quiet.status == 0 && !quiet.stderr.contains(" runs ("), "\(quiet.stderr)")
        for name in CLI.deterministicOutputs {
            let a = try TestFiles.read(directory + "/loud/" + name)
            let b = try TestFiles.read(directory + "/quiet/" + name)
            #expect(!a.isEmpty && a == b, "\(name)")
            #expect(!a.contains(" runs/s"), "progress in \(name)")
        }
        // A resumed sweep counts its reused runs: keep 30 of the 72 finished runs.
        let runs = try TestFiles.read(directory + "/loud/runs.jsonl").split(separator: "\n")
        try TestFiles.write(runs.prefix(30).joined(separator: "\n") + "\n", to: directory + "/loud/runs.jsonl")
        let resumed = try CLI.run(["run", spec, "--out", directory + "/loud", "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let resumedLast = try #require(resumed.stderr.split(separator: "\n").last { $0.contains(" runs (") })
        #expect(resumedLast.hasPrefix("e2e: 72/72 runs (30 reused), "), "\(resumed.stderr)")
    }

    @Test func reproductionsAreFoundFromAnyDirectory() throws {
        let elsewhere = try TestFiles.temporaryDirectory()
        let result = try CLI.run(
            ["reproduce", "sleator-tarjan", "--out", elsewhere + "/out", "--quiet"], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/out/sleator-tarjan/claims.csv"))
        // --list: every spec, with its paper and setting.
        let list = try CLI.run(["reproduce", "--list"], in: elsewhere)
        #expect(list.status == 0, "\(list.stderr)")
        let specs = try FileManager.default.contentsOfDirectory(
            atPath: TestFiles.repositoryRoot + "/Experiments/reproductions"
        ).filter { $0.hasSuffix(".yaml") }
        let rows = list.stdout.split(separator: "\n")
        #expect(rows.count == specs.count)
        #expect(rows.contains { $0.hasPrefix("serving-fidelity\tvLLM nightly") && $0.hasSuffix("\tfaithful") })
        // --experiments names another set; a missing one is one line.
        let other = try CLI.run(["reproduce", "--list", "--experiments", "/nonexistent"], in: elsewhere)
        #expect(other.status == 1 && other.stderr.contains("/nonexistent: cannot read the reproductions directory"))
        let both = try CLI.run(["reproduce", "--list", "--all"], in: elsewhere)
        #expect(both.status != 0 && both.stderr.contains("--list takes no reproduction name"))
    }
}
