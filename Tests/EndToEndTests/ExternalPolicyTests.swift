import Foundation
import TestSupport
import Testing

/// Policies in a process of their own (`external`, JSON lines protocol memsim-policy/1): the
/// Python examples make the built-in policies' decisions, and every way a conversation can
/// fail is one error line, never a result.
@Suite struct ExternalPolicyTests {
    static let examples = TestFiles.repositoryRoot + "/Examples/external-policy"
    static let pythonLRU = "python3 \(examples)/lru.py"

    /// Misses of each (policy, cache_size) row of `memsim paging` output.
    static func misses(_ output: String) -> [String: String] {
        var rows: [String: String] = [:]
        for line in output.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            rows[fields[0] + "@" + fields[1]] = fields[3]
        }
        return rows
    }

    @Test func pythonLRUGivesTheBuiltInLRUsMissesOnTheCloudPhysicsTrace() throws {
        // The trace's first 30,000 requests keep the test short (the Python policy answers
        // about 10,000 evictions a second); the whole trace is the benchmark's.
        let lines = try TestFiles.read(TestFiles.tracesDirectory + "/cloudPhysicsIO.txt").split(separator: "\n")
        let trace = try TestFiles.temporaryFile("cloudphysics-30k.txt", lines.prefix(30_000).joined(separator: "\n"))
        let result = try CLI.run([
            "paging", trace, "--policies", "lru,external", "--sizes", "10,1000,0.1", "--external-command",
            Self.pythonLRU,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.misses(result.stdout)
        let sizes = rows.keys.filter { $0.hasPrefix("lru@") }.map { $0.dropFirst(4) }
        #expect(sizes.count == 3 && rows.count == 6, "\(rows)")
        for size in sizes {
            let lru = try #require(rows["lru@\(size)"])
            #expect(rows["external@\(size)"] == lru, "size \(size)")
        }
        // The sizes evict: the comparison is of real victims, not of a cache that never fills.
        #expect(Set(sizes.compactMap { rows["lru@\($0)"] }).count == 3)
    }

    @Test func theExampleSpecRunsThePythonPolicyFromItsOwnDirectory() throws {
        let out = try TestFiles.temporaryDirectory()
        let result = try CLI.run([
            "run", Self.examples + "/lru-vs-builtin.yaml", "--out", out, "--set", "cache_size=[5000]",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        var misses: [String: [String: Double]] = [:]
        for line in try TestFiles.read(out + "/runs.jsonl").split(separator: "\n") {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let config = try #require(row["config"] as? [String: Any])
            let metrics = try #require(row["metrics"] as? [String: Any])
            let size = "\(config["cache_size"] ?? "")"
            misses[size, default: [:]][config["policy"] as? String ?? ""] = metrics["misses"] as? Double
        }
        #expect(misses.count == 1)
        for (size, byPolicy) in misses {
            #expect(byPolicy["external"] != nil && byPolicy["external"] == byPolicy["lru"], "cache_size \(size)")
        }
    }

    @Test func pythonRetentionMakesHBMLRUsDecisions() throws {
        let (directory, path) = try CLI.spec(
            """
            name: external-retention
            model: sessions
            seeds: 2
            base:
              workload: {duration: 200, turns_mean: 5, think_time_mean: 30, arrival_rate: 4}
              external.command: python3 \(Self.examples)/retention_lru.py
            sweep:
              retention: [hbm-lru, external]
            """)
        let result = try CLI.run(["run", path, "--out", directory + "/out"])
        #expect(result.status == 0, "\(result.stderr)")
        var metrics: [String: [String: String]] = [:]
        for line in try TestFiles.read(directory + "/out/runs.jsonl").split(separator: "\n") {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let config = try #require(row["config"] as? [String: Any])
            let values = try #require(row["metrics"] as? [String: Any])
            let key = "\(config["retention"] ?? "")"
            let text = values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }
            metrics[key + "|\(row["seed"] ?? "")"] = Dictionary(uniqueKeysWithValues: zip(values.keys.sorted(), text))
            let evictions = try #require(values["evictions"] as? Double)
            #expect(evictions > 0, "the workload must make HBM evict")
        }
        for seed in ["1", "2"] {
            #expect(metrics["external|\(seed)"] != nil && metrics["external|\(seed)"] == metrics["hbm-lru|\(seed)"])
        }
    }

    /// The command of a Python policy that greets, then answers every eviction with `reply`.
    static func answering(_ reply: String) throws -> String {
        let script = try TestFiles.temporaryFile(
            "policy.py",
            """
            import sys
            print('{"ok":true}', flush=True)
            for line in sys.stdin:
                if '"evict"' in line:
                    print('\(reply)', flush=True)
            """)
        return "python3 \(script)"
    }

    @Test func everyFailedConversationIsOneErrorLine() throws {
        let trace = TestFiles.tracesDirectory + "/cloudPhysicsIO.txt"
        let paging = ["paging", trace, "--policies", "external", "--sizes", "10", "--external-command"]
        // Whether the greeting's write or the wait for its reply meets the exit first depends on timing.
        try CLI.expectError(paging + ["exit 3"], contains: "(exited with status 3)")
        try CLI.expectError(paging + [Self.answering(#"{"victim":999999}"#)], contains: "does not name a resident")
        try CLI.expectError(paging + [Self.answering("not json")], contains: "not a JSON object")
        try CLI.expectError(paging + [Self.answering(#"{"error":"out of ideas"}"#)], contains: "out of ideas")
        try CLI.expectError(
            paging + ["echo '{\"ok\":true}'; exec sleep 30", "--external-timeout", "0.5"],
            contains: "no reply within 0.5 s")
        try CLI.expectError(Array(paging.dropLast()), contains: "needs --external-command")
    }

    @Test func specsNameTheExternalKeys() throws {
        let missing = try CLI.spec("name: x\nmodel: paging\nbase: {policy: external}\n")
        try CLI.expectError(["validate", missing.path], contains: "external.command")
        let inert = try CLI.spec("name: x\nmodel: paging\nbase: {policy: lru, external.command: python3 lru.py}\n")
        try CLI.expectError(["validate", inert.path], contains: "external.command")
        // The policy left at its default (lru): the command still has no effect.
        let byDefault = try CLI.spec("name: x\nmodel: paging\nbase: {external.command: python3 lru.py}\n")
        try CLI.expectError(["validate", byDefault.path], contains: "applies only when policy is external")
        let retention = try CLI.spec("name: x\nmodel: sessions\nbase: {retention: external}\n")
        try CLI.expectError(["validate", retention.path], contains: "external.command")
    }
}
