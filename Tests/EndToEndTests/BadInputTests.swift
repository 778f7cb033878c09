import Foundation
import TestSupport
import Testing

/// Bad input: one clear line naming file and key or line, non-zero exit, no crash trace.
@Suite struct BadInputTests {
    func check(_ arguments: [String], contains expected: String, in directory: String? = nil) throws {
        try CLI.expectError(arguments, contains: expected, in: directory)
    }

    func spec(_ text: String) throws -> (directory: String, path: String) { try CLI.spec(text) }

    @Test func missingSpecFile() throws {
        try check(["run", "/nonexistent/x.yaml"], contains: "/nonexistent/x.yaml: no such file")
    }

    @Test func yamlSyntaxErrorShowsLine() throws {
        let (_, path) = try spec("name: x\nmodel: paging\nsweep:\n  policy: [lru\n")
        try check(["validate", path], contains: "spec.yaml:")
        try check(["run", path], contains: "YAML syntax error")
    }

    @Test func unknownModelKeyTypeRange() throws {
        let (_, a) = try spec("name: x\nmodel: pagin\n")
        try check(["run", a], contains: "model: unknown model 'pagin' (did you mean 'paging'?)")
        let (_, b) = try spec("name: x\nmodel: paging\nbase: {cache_sise: 3}\n")
        try check(["run", b], contains: "base.cache_sise: unknown key 'cache_sise' (did you mean 'cache_size'?)")
        let (_, c) = try spec("name: x\nmodel: paging\nbase: {trace: {requests: lots}}\n")
        try check(["run", c], contains: "base.trace.requests: expected integer, found string 'lots'")
        let (_, d) = try spec("name: x\nmodel: paging\nsweep:\n  cache_fraction: [2.5]\n")
        try check(["run", d], contains: "spec.yaml:4: sweep.cache_fraction: 2.5 is out of range")
        let (_, e) = try spec("name: x\nmodel: paging\nsweep:\n  cache_size: [2.5]\n")
        try check(["run", e], contains: "spec.yaml:4: sweep.cache_size: expected integer, found number '2.5'")
    }

    @Test func emptySweepAndWhereFilteringEverything() throws {
        let (_, a) = try spec("name: x\nmodel: paging\nsweep:\n  policy: []\n")
        try check(["run", a], contains: "sweep.policy: empty sweep list")
        let (_, b) = try spec("name: x\nmodel: paging\nsweep:\n  policy: [lru]\nwhere: [\"policy == 'fifo'\"]\n")
        try check(["run", b], contains: "where: the filters exclude every sweep point")
    }

    @Test func unknownPolicy() throws {
        let (_, path) = try spec("name: x\nmodel: paging\nsweep:\n  policy: [lru, belady]\n")
        try check(["run", path], contains: "sweep.policy: unknown value 'belady'")
        let (_, other) = try spec("name: x\nmodel: paging\n")
        try check(
            ["run", other, "--set", "policy=lur"], contains: "--set policy: unknown value 'lur' (did you mean 'lru'?)")
    }

    @Test func malformedAndOutOfRangeShard() throws {
        let (_, path) = try spec("name: x\nmodel: paging\n")
        try check(["run", path, "--shard", "2"], contains: "'--shard <i/n>': expected i/n")
        try check(["run", path, "--shard", "4/3"], contains: "'--shard <i/n>': 4/3 is out of range")
        try check(["run", path, "--shard", "0/3"], contains: "'--shard <i/n>': 0/3 is out of range")
    }

    @Test func unwritableOutputDirectory() throws {
        let (directory, path) = try spec("name: x\nmodel: paging\nbase: {trace: {requests: 100}}\n")
        let blocker = directory + "/file"
        try TestFiles.write("not a directory", to: blocker)
        try check(["run", path, "--out", blocker + "/out"], contains: "cannot create output directory")
    }

    @Test func runsFromADifferentSpecAreNotMixedIn() throws {
        let (directory, path) = try spec("name: x\nmodel: paging\nseeds: 2\nbase: {trace: {requests: 100}}\n")
        #expect(try CLI.run(["run", path, "--out", directory + "/out"]).status == 0)
        try TestFiles.write("name: x\nmodel: paging\nseeds: 2\nbase: {trace: {requests: 200}}\n", to: path)
        try check(["run", path, "--out", directory + "/out"], contains: "is not part of this experiment")
    }

    @Test func malformedAdapterTraceFailsValidation() throws {
        let directory = try TestFiles.temporaryDirectory()
        try TestFiles.write("{\"context\": [1, 0.5]}\n{\"context\": [1, oops]}\n", to: directory + "/requests.jsonl")
        let (_, path) = try spec(
            "name: x\nmodel: adapters\nbase: {trace: {path: \(directory)/requests.jsonl}, context: {dimension: 2}, horizon: 2}\n"
                + "sweep:\n  controller: [lru]\n")
        try check(["validate", path], contains: "trace.path: \(directory)/requests.jsonl:2: not a request object")
        try check(["run", path, "--out", directory + "/out"], contains: "requests.jsonl:2:")
    }

    @Test func exemplarEquivalents() throws {
        let result = try CLI.run(["exemplars", "--backbone", "resnet32"])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "463504 parameters x 4 bytes = 1854016 bytes = 603.5 exemplars of 32x32x3 uint8 (3072 bytes each)"))
        #expect(result.stdout.contains("whole exemplars: 603"))
        try check(
            ["exemplars", "--backbone", "resnet33"],
            contains: "'--backbone <backbone>': unknown backbone 'resnet33' (did you mean 'resnet32'?)")
        try check(["exemplars", "--parameters", "10"], contains: "--shape: give the exemplar shape")
        try check(
            ["exemplars", "--parameters", "10", "--shape", "3xx"],
            contains: "'--shape <shape>': not a shape like 32x32x3")
    }

    /// Every command checks its options (typed values and `validate()`) before it reads or
    /// runs anything, and says what is wrong in one line, as input errors do.
    @Test func commandLineErrorsAreOneLine() throws {
        let spec = "Experiments/quickstart.yaml"
        try check(["run", spec, "--jobs", "0"], contains: "--jobs 0: must be in 1...256")
        try check(["run", spec, "--seeds", "0"], contains: "--seeds 0: must be in 1...1000000")
        try check(["validate", spec, "--set", "nokey"], contains: "'--set <key=value>': expected key=value")
        try check(["reproduce", "sleator-tarjan", "--jobs", "0"], contains: "--jobs 0: must be in 1...256")
        try check(["reproduce"], contains: "give a reproduction name or --all")
        try check(["run", spec, "--no-such-option"], contains: "Unknown option '--no-such-option'")
        try check(["paging"], contains: "Missing expected argument '<trace>'")
        let trace = "data/traces/cloudPhysicsIO.txt"
        try check(["paging", trace, "--csv-column", "0"], contains: "--csv-column 0: must be at least 1")
        try check(["paging", trace, "--csv-delimiter", ";;"], contains: "expected one ASCII character")
        try check(["paging", trace, "--sizes", "100,"], contains: "'--sizes <sizes>'")
        try check(
            ["exemplars", "--backbone", "resnet32", "--bytes-per-parameter", "17"],
            contains: "--bytes-per-parameter 17: must be in 1...16")
        try check(["exemplars", "--backbone", "resnet32", "--dtype", "float8"], contains: "unknown type 'float8'")
        try check(["exemplars", "--shape", "32x32x3"], contains: "--parameters: give a parameter count")
        try check(["list", "models", "--model", "pagng"], contains: "'--model <model>': unknown model 'pagng'")
        let help = try CLI.run(["paging", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: memsim paging"), "\(help.stderr)")
    }

    @Test func validateAndListSucceed() throws {
        let result = try CLI.run(["validate", "Experiments/quickstart.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: model paging, 18 sweep points x 10 seeds = 180 runs"), "\(result.stdout)")
        let models = try CLI.run(["list", "models"])
        #expect(models.stdout.contains("paging:") && models.stdout.contains("cache_size"))
        let policies = try CLI.run(["list", "policies"])
        #expect(policies.stdout.contains("policy=lru") && policies.stdout.contains("policy=opt"))
        try check(["list", "policies", "--model", "pagng"], contains: "unknown model 'pagng' (did you mean 'paging'?)")
    }
}

/// The quick single-trace command.
@Suite struct PagingCommandTests {
    /// `--bytes` on the real trace and its compressed copy: libCacheSim's figures (LRU at
    /// 16 MiB), the same output from the `.zst` copy and for any `--jobs`, the table's
    /// columns, and the errors of byte-sized runs.
    @Test func byteSizedCachesFromPlainAndCompressedTraces() throws {
        let plain = "data/traces/cloudPhysicsIO.oracleGeneral.bin"
        let arguments = ["--format", "oracleGeneral", "--bytes", "--policies", "lru,gdsf", "--sizes", "16MiB,0.1"]
        let one = try CLI.run(["paging", plain] + arguments + ["--jobs", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.first == "policy\tcache_size\trequests\tmisses\tmiss_ratio\tbytes\tbyte_misses\tbyte_miss_ratio")
        #expect(lines.dropFirst().first?.hasPrefix("lru\t16777216\t113872\t95095\t") == true)
        #expect(lines.dropFirst().first?.contains("\t4368040448\t4282132480\t") == true)
        let compressed = try CLI.run(["paging", plain + ".zst"] + arguments + ["--jobs", "2"])
        #expect(compressed.status == 0 && compressed.stdout == one.stdout, "\(compressed.stderr)")
        let json = try CLI.run(["paging", plain] + arguments + ["--json"])
        #expect(json.stdout.split(separator: "\n").first?.contains(#""byte_miss_ratio":0.9803326070299246"#) == true)
        // A cache below the largest object (68 KiB) warns once, with the count, and still runs.
        let small = try CLI.run([
            "paging", plain, "--format", "oracleGeneral", "--bytes", "--policies", "lru,fifo", "--sizes", "32KiB",
        ])
        #expect(small.status == 0)
        #expect(
            small.stderr.split(separator: "\n").count == 1
                && small.stderr.contains("cache size 32768 is below the largest object (69632 bytes)"),
            "\(small.stderr)")
        try CLI.expectError(
            ["paging", plain, "--format", "oracleGeneral", "--sizes", "1MiB"],
            contains: "a size in bytes needs --bytes")
        try CLI.expectError(
            ["paging", "data/traces/cloudPhysicsIO.txt", "--format", "csv", "--bytes"],
            contains: "--bytes on a csv trace needs --csv-size-column")
        try CLI.expectError(
            ["paging", plain, "--format", "oracleGeneral", "--bytes", "--policies", "marking", "--sizes", "1MiB"],
            contains: "policy 'marking' counts objects, not bytes")
        try CLI.expectError(
            ["paging", plain, "--format", "oracleGeneral", "--bytes", "--stream"],
            contains: "--stream counts objects")
        try CLI.expectError(["paging", plain, "--jobs", "0"], contains: "--jobs 0: must be in 1...1024")
        try CLI.expectError(
            ["paging", "data/traces/cloudPhysicsIO.txt", "--bytes"], contains: "a txt trace has no object sizes")
        try CLI.expectError(
            ["paging", "data/traces/cloudPhysicsIO.txt", "--csv-size-column", "2"],
            contains: "sizes are read only from a csv trace with --bytes")
        try CLI.expectError(
            ["paging", "data/traces/cloudPhysicsIO.txt", "--stream", "--jobs", "2"],
            contains: "--stream reads the file once")
    }

    @Test func jsonLinesOnTheRealTrace() throws {
        let result = try CLI.run([
            "paging", "data/traces/cloudPhysicsIO.oracleGeneral.bin", "--format", "oracleGeneral", "--policies",
            "lru,opt",
            "--sizes", "100,1000", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.split(separator: "\n") == [
                #"{"byte_miss_ratio":0.8800670928762119,"byte_misses":100215,"bytes":113872,"cache_size":100,"miss_ratio":0.8800670928762119,"misses":100215,"policy":"lru","requests":113872}"#,
                #"{"byte_miss_ratio":0.832715680764367,"byte_misses":94823,"bytes":113872,"cache_size":1000,"miss_ratio":0.832715680764367,"misses":94823,"policy":"lru","requests":113872}"#,
                #"{"byte_miss_ratio":0.8255760854292539,"byte_misses":94010,"bytes":113872,"cache_size":100,"miss_ratio":0.8255760854292539,"misses":94010,"policy":"opt","requests":113872}"#,
                #"{"byte_miss_ratio":0.7642352817198258,"byte_misses":87025,"bytes":113872,"cache_size":1000,"miss_ratio":0.7642352817198258,"misses":87025,"policy":"opt","requests":113872}"#,
            ])
    }

    @Test func badInputIsOneLine() throws {
        for (arguments, expected) in [
            (["paging", "/nonexistent/t.txt"], "/nonexistent/t.txt: no such file"),
            (
                ["paging", "data/traces/cloudPhysicsIO.txt", "--policies", "lur"],
                "unknown policy 'lur' (did you mean 'lru'?)"
            ),
            (
                ["paging", "data/traces/cloudPhysicsIO.txt", "--format", "bin"],
                "'--format <format>': unknown format 'bin'"
            ),
            (
                ["paging", "data/traces/cloudPhysicsIO.txt", "--sizes", "0"],
                "'--sizes <sizes>': '0' is neither a count"
            ),
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }
}
