import Foundation
import Testing

/// `memsim reproduce`: runs a paper's spec from Experiments/reproductions and checks its claims.
@Suite struct ReproduceCommandTests {
    @Test func sleatorTarjanReproductionPasses() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["reproduce", "sleator-tarjan", "--out", out, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("claims: 7/7 passed"), "\(result.stdout)")
        let claims = try String(contentsOfFile: "\(out)/sleator-tarjan/claims.csv", encoding: .utf8)
        #expect(claims.split(separator: "\n").count == 8)
        #expect(!claims.contains(",false"))
        let report = try String(contentsOfFile: "\(out)/sleator-tarjan/report.md", encoding: .utf8)
        #expect(report.contains("| the paper |") && report.contains("k/(k-h+1) = 10/6 = 1.6667"))
    }

    @Test func failingClaimsExitWithStatusTwo() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = """
            name: impossible
            model: paging
            seeds: 2
            base: {trace: {requests: 2000, objects: 100}, cache_size: 10}
            sweep: {policy: [lru, opt]}
            claims:
              - {kind: best, metric: misses, value: lru, paper: "no paper says this"}
            """
        try spec.write(toFile: "\(directory)/impossible.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["reproduce", "impossible", "--from", directory, "--out", "\(directory)/out"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.contains("[FAIL] best-misses-1: lru=") && result.stdout.contains(" !! opt="), "\(result.stdout)")
    }

    @Test func badNamesAreOneLine() throws {
        for (arguments, expected) in [
            (["reproduce", "sleator-tarjn"], "unknown reproduction 'sleator-tarjn' (did you mean 'sleator-tarjan'?)"),
            (["reproduce", "x", "--from", "/nonexistent"], "/nonexistent: cannot read the reproductions directory"),
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
        let both = try CLI.run(["reproduce", "sleator-tarjan", "--all"])
        #expect(both.status != 0 && both.stderr.contains("not both"))
    }
}

/// Every spec shipped in Experiments/ validates (its keys, values and claims).
@Suite struct ShippedSpecTests {
    @Test func everyShippedSpecValidates() throws {
        let root = (CLI.root as NSString).appendingPathComponent("Experiments")
        let specs = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(specs.count >= 6)
        for spec in specs {
            let result = try CLI.run(["validate", "Experiments/\(spec)"])
            #expect(result.status == 0, "\(spec): \(result.stderr)")
        }
    }
}
