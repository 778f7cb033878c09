import Foundation
import TestSupport
import Testing

/// The defects of the issue "Nothing lost, nothing hung", one regression test each: output
/// directories owned by one sweep at a time, every key checked or refused, bounded
/// resources, and clear messages.
@Suite struct HostileInputTests {
    /// A sweep of 32 runs that takes a few seconds in a debug build.
    static let slowSpec = """
        name: slow
        model: paging
        seeds: 4
        base:
          trace: {alpha: 0.9, objects: 5000, requests: 60000}
        sweep:
          policy: [lru, fifo, arc, sieve]
          cache_fraction: [0.05, 0.2]
        """

    static let smallSpec = """
        name: small
        model: paging
        seeds: 2
        base:
          trace: {alpha: 0.9, objects: 300, requests: 2000}
        sweep:
          policy: [lru, fifo]
        """

    func spec(_ text: String) throws -> (directory: String, path: String) { try CLI.spec(text) }

    /// Starts a slow run and waits until it holds its directory (its manifest exists).
    func startHolding(_ spec: String, out: String, extra: [String] = []) throws -> Process {
        let process = try CLI.start(["run", spec, "--out", out, "--jobs", "1"] + extra, discardOutput: true)
        for _ in 0..<2_000 where !FileManager.default.fileExists(atPath: out + "/manifest.json") {
            if !extra.isEmpty, FileManager.default.fileExists(atPath: out + "/manifest-shard-1-of-2.json") { break }
            usleep(5_000)
        }
        return process
    }

    // Defects 1 and 3: two writers of one directory.
    @Test func aSecondWriterOfADirectoryFailsAtOnceNamingTheLock() throws {
        let (directory, path) = try spec(Self.slowSpec)
        let out = directory + "/out"
        let first = try startHolding(path, out: out)
        try CLI.expectError(
            ["run", path, "--out", out, "--set", "trace.alpha=0.8"],
            contains: "\(out)/.memsim.lock is held by memsim run")
        try CLI.expectError(["merge", path, "--out", out, out], contains: ".memsim.lock is held by")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let lines = try TestFiles.read(out + "/runs.jsonl").split(separator: "\n")
        #expect(lines.count == 32 && lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") })
        #expect(try TestFiles.read(out + "/manifest.json").contains("\"complete\":true"))
    }

    // Defect 2: the shards of an array job share one directory.
    @Test func shardsSharingADirectoryLoseNothing() throws {
        let (directory, path) = try spec(Self.slowSpec)
        let out = directory + "/out"
        let first = try CLI.start(["run", path, "--out", out, "--shard", "1/2", "--jobs", "1"], discardOutput: true)
        let second = try CLI.run(["run", path, "--out", out, "--shard", "2/2", "--jobs", "1"])
        #expect(second.status == 0, "\(second.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        // The unsharded run finds every run and writes the results; merge does the same.
        let whole = try CLI.run(["run", path, "--out", out])
        #expect(whole.stdout.hasPrefix("slow: 0 runs executed, 32 reused"), "\(whole.stdout)\(whole.stderr)")
        let merged = try CLI.run(["merge", path, "--out", directory + "/merged", out])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try TestFiles.read(directory + "/merged/summary.csv") == TestFiles.read(out + "/summary.csv"))
        // A second copy of a shard, or an unsharded run, while a shard runs: refused.
        let again = try CLI.start(
            ["run", path, "--out", out + "2", "--shard", "1/2", "--jobs", "1"], discardOutput: true)
        for _ in 0..<2_000 where !FileManager.default.fileExists(atPath: out + "2/manifest-shard-1-of-2.json") {
            usleep(5_000)
        }
        try CLI.expectError(
            ["run", path, "--out", out + "2", "--shard", "1/2"],
            contains: ".memsim-shard-1-of-2.lock is held by shard 1/2")
        try CLI.expectError(["run", path, "--out", out + "2"], contains: ".memsim.lock is held by shards of a sweep")
        again.waitUntilExit()
    }

    // Defect 4: the manifest says incomplete before any new run starts.
    @Test func aResumedDirectoryIsMarkedIncompleteBeforeItRuns() throws {
        let (directory, path) = try spec(Self.slowSpec)
        let out = directory + "/out"
        #expect(try CLI.run(["run", path, "--out", out, "--seeds", "1"]).status == 0)
        #expect(try TestFiles.read(out + "/manifest.json").contains("\"complete\":true"))
        let more = try CLI.start(["run", path, "--out", out, "--seeds", "4", "--jobs", "1"], discardOutput: true)
        var manifest = ""
        for _ in 0..<2_000 {
            manifest = (try? TestFiles.read(out + "/manifest.json")) ?? ""
            // Incomplete, and the old results removed: the run has started its new runs.
            if manifest.contains("\"complete\":false"), !FileManager.default.fileExists(atPath: out + "/summary.csv") {
                break
            }
            usleep(5_000)
        }
        kill(more.processIdentifier, SIGKILL)
        more.waitUntilExit()
        #expect(manifest.contains("\"complete\":false") && manifest.contains("\"seeds\":[1,2,3,4]"), "\(manifest)")
        #expect(try TestFiles.read(out + "/manifest.json").contains("\"complete\":false"))
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
    }

    // Defect 5: other people's files and names that leave results/.
    @Test func foreignDirectoriesAndEscapingNamesAreRefused() throws {
        let (directory, path) = try spec(Self.smallSpec)
        let foreign = directory + "/mine"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try TestFiles.write("my notes", to: foreign + "/report.md")
        try CLI.expectError(["run", path, "--out", foreign], contains: "not empty and not a memsim output directory")
        #expect(try TestFiles.read(foreign + "/report.md") == "my notes")
        for name in ["..", "../x", "a/b", ".hidden", "a b"] {
            let (_, escaping) = try spec("name: \"\(name)\"\nmodel: paging\n")
            try CLI.expectError(["validate", escaping], contains: "is not a plain name")
        }
    }

    // Defects 6, 7 and 8: every key is checked or refused.
    @Test func dottedBaseKeysInertKeysAndDuplicateOverrides() throws {
        let (directory, dotted) = try spec(
            "name: d\nmodel: paging\nseeds: 1\nbase: {trace.requests: 777, trace: {objects: 50}}\n")
        #expect(try CLI.run(["run", dotted, "--out", directory + "/out"]).status == 0)
        #expect(try TestFiles.read(directory + "/out/runs.jsonl").contains("\"requests\":777"))
        let (_, outOfRange) = try spec("name: d\nmodel: paging\nbase: {trace.requests: 0}\n")
        try CLI.expectError(["validate", outOfRange], contains: "base.trace.requests: 0 is out of range")
        let (_, twice) = try spec("name: d\nmodel: paging\nbase: {trace.requests: 7, trace: {requests: 8}}\n")
        try CLI.expectError(["validate", twice], contains: "given twice")
        let (_, parquet) = try spec("name: d\nmodel: paging\nbase: {trace: {format: parquet}}\n")
        try CLI.expectError(["validate", parquet], contains: "base.trace.format: unknown value 'parquet'")
        let (_, column) = try spec("name: d\nmodel: paging\nbase: {trace: {csv_column: 0}}\n")
        try CLI.expectError(["validate", column], contains: "base.trace.csv_column: 0 is out of range")
        let (_, inert) = try spec("name: d\nmodel: paging\nbase: {trace: {path: t.txt}}\n")
        try CLI.expectError(
            ["validate", inert],
            contains: "trace.path: has no effect here: it applies only when trace.generator is file")
        let (_, swept) = try spec(Self.smallSpec)
        try CLI.expectError(
            ["validate", swept, "--set", "policy=[lru, lru]"], contains: "--set policy: duplicate value 'lru'")
    }

    // Defect 9: nonsense that used to pass.
    @Test func randomBytesDuplicateNamesAndEmptyListsAreRefused() throws {
        let bytes = (0..<4_800).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let random = try TestFiles.temporaryFile("random.bin", bytes: bytes)
        try CLI.expectError(["paging", random, "--format", "oracleGeneral"], contains: "not an oracleGeneral trace?")
        let trace = "data/traces/cloudPhysicsIO.txt"
        try CLI.expectError(["paging", trace, "--policies", "lru,lru"], contains: "policy 'lru' is given twice")
        try CLI.expectError(["paging", trace, "--sizes", "10,,20"], contains: "'' is neither a count")
        try CLI.expectError(["paging", trace, "--sizes", "10,10"], contains: "size '10' is given twice")
        try CLI.expectError(["paging", trace, "--policies", ""], contains: "unknown policy ''")
        let (_, pareto) = try spec(
            Self.smallSpec + "\npareto: {x: miss_ratio, y: miss_ratio, minimize: [x, y]}\n")
        try CLI.expectError(["validate", pareto], contains: "objective 'miss_ratio' appears twice")
    }

    // Defects 10, 11, 12 and 16: bounded seeds, sizes and threads.
    @Test func seedsSizesAndThreadsAreBounded() throws {
        let (_, path) = try spec(Self.smallSpec)
        try CLI.expectError(
            ["validate", path, "--seeds", "1000000000"], contains: "--seeds 1000000000: must be in 1...1000000")
        try CLI.expectError(["run", path, "--jobs", "10000"], contains: "--jobs 10000: must be in 1...256")
        let trace = "data/traces/cloudPhysicsIO.txt"
        try CLI.expectError(
            ["paging", trace, "--stream", "--sizes", "1e16"], contains: "neither a count (100, 1e3), a byte size")
        try CLI.expectError(
            ["paging", trace, "--stream", "--sizes", "1000000000000000"], contains: "--sizes: streaming 13 policies")
        try CLI.expectError(
            ["paging", trace, "--stream", "--sizes", "2147483647"], contains: "--sizes: streaming 13 policies",
            environment: ["MEMSIM_MEMORY_LIMIT_BYTES": "3000000000"])
        let (_, huge) = try spec("name: h\nmodel: paging\nbase: {policy: predictive-marker, cache_size: 1e15}\n")
        try CLI.expectError(
            ["validate", huge], contains: "base.cache_size: 1000000000000000 objects: at most 2147483647")
        let (_, huger) = try spec("name: h\nmodel: paging\nbase: {policy: lru, cache_size: 1e16}\n")
        try CLI.expectError(["validate", huger], contains: "base.cache_size: 10000000000000000 is out of range")
        // The largest allowed cache is built at once (no loop over its slots).
        let (directory, largest) = try spec(
            "name: h\nmodel: paging\nseeds: 1\nbase: {policy: predictive-marker, cache_size: 2147483647, "
                + "trace: {objects: 100, requests: 1000}}\n")
        let result = try CLI.run(["run", largest, "--out", directory + "/out"], timeout: 60)
        #expect(result.status == 0 && !result.timedOut, "\(result.stderr)")
    }

    // Defect 13: nesting and alias bombs.
    @Test func deepNestingAndAliasBombsStopWithAnError() throws {
        let deep = String(repeating: "(", count: 100_000) + "policy == 'lru'" + String(repeating: ")", count: 100_000)
        let (_, nested) = try spec(Self.smallSpec + "\nwhere: [\"\(deep)\"]\n")
        try CLI.expectError(["validate", nested], contains: "nested more than 100 levels deep")
        var bomb = "name: b\nmodel: paging\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 {
            bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let (_, aliases) = try spec(bomb)
        try CLI.expectError(["validate", aliases], contains: "more than 1000000 values", timeout: 60)
        let (_, flow) = try spec("name: f\nmodel: paging\nbase: " + String(repeating: "[", count: 100_000) + "\n")
        try CLI.expectError(["validate", flow], contains: "nested more than 64 levels deep")
    }

    // Defects 14 and 15, and the misleading messages.
    @Test func devicesDirectoriesMemoryAndMessages() throws {
        try CLI.expectError(["paging", "/dev/zero"], contains: "/dev/zero: not a regular file", timeout: 60)
        try CLI.expectError(
            ["paging", "/dev/zero", "--stream"], contains: "/dev/zero: not a regular file", timeout: 60)
        try CLI.expectError(["paging", "data"], contains: "data: not a regular file (a directory)")
        // A directory where a spec, a trace or a table is expected, at validation time.
        try CLI.expectError(["validate", "data"], contains: "data: not a regular file (a directory)")
        for (model, base, key) in [
            ("paging", "trace: {generator: file, path: DATA}", "base.trace.path"),
            ("sessions", "workload: {source: file, path: DATA}", "base.workload.path"),
            ("replay", "stream: {csv: DATA}", "base.stream.csv"),
            ("adapters", "trace: {path: DATA}", "base.trace.path"),
        ] {
            let base = base.replacingOccurrences(of: "DATA", with: TestFiles.repositoryRoot + "/data")
            let (_, path) = try spec("name: x\nmodel: \(model)\nbase: {\(base)}\n")
            try CLI.expectError(
                ["validate", path],
                contains: "\(key): \(TestFiles.repositoryRoot)/data: not a regular file (a directory)")
        }
        let noLines = try TestFiles.temporaryFile("one-line.txt", String(repeating: "1", count: 100_000))
        try CLI.expectError(["paging", noLines], contains: "line longer than 65536 bytes")
        let (directory, requests) = try spec(
            "name: r\nmodel: paging\nseeds: 1\nbase: {trace: {requests: 1000000000}}\n")
        try CLI.expectError(
            ["run", requests, "--out", directory + "/out"], contains: "needs about 37.3 GiB of memory",
            environment: ["MEMSIM_MEMORY_LIMIT_BYTES": "3000000000"])
        let (_, longKey) = try spec("name: x\nmodel: paging\n" + String(repeating: "k", count: 100_000) + ": 1\n")
        try CLI.expectError(["validate", longKey], contains: "a key of 100000 characters; YAML keys have at most 1024")
        let (_, oneSeed) = try spec(
            Self.smallSpec.replacingOccurrences(of: "seeds: 2", with: "seeds: 1")
                + "\nclaims:\n  - {name: o, kind: ordering, role: sanity, metric: miss_ratio, by: policy, order: [lru, fifo], alpha: 0.05}\n"
        )
        try CLI.expectError(["validate", oneSeed], contains: "needs at least 2 seeds; the plan has 1")
    }
}
