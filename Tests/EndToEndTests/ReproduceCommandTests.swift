import Foundation
import TestSupport
import Testing

/// `memsim reproduce`: runs a paper's spec from Experiments/reproductions and checks its claims.
@Suite struct ReproduceCommandTests {
    @Test func sleatorTarjanReproductionPasses() throws {
        let out = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["reproduce", "sleator-tarjan", "--out", out, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let claims = try String(contentsOfFile: "\(out)/sleator-tarjan/claims.csv", encoding: .utf8)
        let rows = claims.split(separator: "\n").dropFirst()
        #expect(result.stdout.contains("claims: \(rows.count)/\(rows.count) rows as declared"), "\(result.stdout)")
        #expect(!claims.contains(",false,"))
        #expect(rows.contains { $0.contains(",reproduces,") && $0.hasSuffix(",number,number") })
        let report = try String(contentsOfFile: "\(out)/sleator-tarjan/report.md", encoding: .utf8)
        #expect(report.contains("## Paper vs memsim") && report.contains("**Setting:** "))
        #expect(report.contains("k/(k-h+1) = 10/6 = 1.6667"))
    }

    @Test func failingClaimsExitWithStatusTwo() throws {
        let directory = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = """
            name: impossible
            model: paging
            seeds: 2
            base: {trace: {requests: 2000, objects: 100}, cache_size: 10}
            sweep: {policy: [lru, opt]}
            claims:
              - {role: sanity, kind: best, metric: misses, value: lru, paper: {text: "no paper says this"}}
              - {role: reproduces, kind: best, metric: misses, value: opt}
            reproduction: {paper: "none", source: "none", setting: synthetic, how: "a claim that must fail"}
            """
        try spec.write(toFile: "\(directory)/impossible.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["reproduce", "impossible", "--from", directory, "--out", "\(directory)/out"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stdout.contains("[UNEXPECTED sanity: fail] best-misses-1: lru=")
                && result.stdout.contains(" !! opt="), "\(result.stdout)")
    }

    @Test func aKnownDisagreementPassesAndAnUnexpectedAgreementFails() throws {
        let directory = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func spec(expect: String) -> String {
            """
            name: known
            model: paging
            seeds: 3
            base: {trace: {requests: 2000, objects: 100}, cache_size: 10}
            sweep: {policy: [lru, opt]}
            reproduction: {paper: "none", source: "none", setting: synthetic, how: "a made-up paper figure"}
            claims:
              - name: lru-miss-ratio
                role: reproduces
                kind: threshold
                metric: miss_ratio
                at: {policy: lru}
                paper: {text: "a miss ratio of 0.1", low: 0.1, high: 0.1}
            \(expect)
            """
        }
        try spec(expect: "    expect: disagrees\n    note: the paper's trace is not ours").write(
            toFile: "\(directory)/known.yaml", atomically: true, encoding: .utf8)
        let known = try CLI.run(["reproduce", "known", "--from", directory, "--out", "\(directory)/out1"])
        #expect(known.status == 0, "\(known.stdout) \(known.stderr)")
        #expect(known.stdout.contains("[reproduces: disagrees] lru-miss-ratio"))
        let report = try String(contentsOfFile: "\(directory)/out1/known/report.md", encoding: .utf8)
        #expect(report.contains("disagrees (known)") && report.contains("the paper's trace is not ours"))
        try spec(expect: "").write(toFile: "\(directory)/known.yaml", atomically: true, encoding: .utf8)
        let unexpected = try CLI.run(["reproduce", "known", "--from", directory, "--out", "\(directory)/out2"])
        #expect(unexpected.status == 2, "a disagreement not declared fails")
        #expect(unexpected.stdout.contains("[UNEXPECTED reproduces: disagrees] lru-miss-ratio"))
    }

    @Test func aReproductionNeedsACardAndAReproducesClaim() throws {
        let directory = try TestFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bare = """
            name: bare
            model: paging
            seeds: 2
            sweep: {policy: [lru, opt]}
            claims:
              - {role: sanity, kind: best, metric: misses, value: opt}
            """
        try bare.write(toFile: "\(directory)/bare.yaml", atomically: true, encoding: .utf8)
        let noCard = try CLI.run(["reproduce", "bare", "--from", directory, "--out", "\(directory)/out"])
        #expect(
            noCard.status == 1 && noCard.stderr.contains("reproduction: missing: a reproduction's card"),
            "\(noCard.stderr)")
        try (bare + "\nreproduction: {paper: p, source: s, setting: synthetic, how: h}\n").write(
            toFile: "\(directory)/bare.yaml", atomically: true, encoding: .utf8)
        let noClaim = try CLI.run(["reproduce", "bare", "--from", directory, "--out", "\(directory)/out"])
        #expect(
            noClaim.status == 1 && noClaim.stderr.contains("at least one claim with role: reproduces"),
            "\(noClaim.stderr)")
    }

    @Test func theReadmeTableOfReproductionsIsGenerated() throws {
        let result = try CLI.run(["list", "reproductions"])
        #expect(result.status == 0, "\(result.stderr)")
        let readme = try String(
            contentsOfFile: (TestFiles.repositoryRoot as NSString).appendingPathComponent("README.md"), encoding: .utf8)
        #expect(result.stdout.split(separator: "\n").count >= 19)
        #expect(
            readme.contains(result.stdout),
            "README.md's table of reproductions differs from 'memsim list reproductions'")
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
        let root = (TestFiles.repositoryRoot as NSString).appendingPathComponent("Experiments")
        let specs = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
        #expect(specs.count >= 6)
        for spec in specs {
            let result = try CLI.run(["validate", "Experiments/\(spec)"])
            #expect(result.status == 0, "\(spec): \(result.stderr)")
        }
    }
}
