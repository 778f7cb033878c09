import Foundation
import TestSupport
import Testing

/// From a first spec to a figure: validation that catches what would fail, exploration with
/// overrides, paths relative to the spec, and what an output directory keeps.
@Suite struct FirstSpecTests {
    func spec(_ text: String) throws -> (directory: String, path: String) { try CLI.spec(text) }

    var quickstart: String { (try? TestFiles.read(TestFiles.repositoryRoot + "/Experiments/quickstart.yaml")) ?? "" }

    @Test func claimsThatWhereFiltersBreakAreRefusedAtValidation() throws {
        let (_, path) = try spec(
            quickstart.replacingOccurrences(
                of: "pareto:", with: "where: [\"policy != 'opt' or cache_fraction <= 0.1\"]\npareto:"))
        try CLI.expectError(
            ["validate", path], contains: "at cache_fraction=0.2 the where filters leave no policy=opt")
    }

    @Test func overridesDropTheClaimsTheyBreakAndNoClaimsSkipsAll() throws {
        let path = TestFiles.repositoryRoot + "/Experiments/quickstart.yaml"
        let explored = try CLI.run(["validate", path, "--set", "policy=[lru, fifo]"])
        #expect(explored.status == 0, "\(explored.stderr)")
        #expect(explored.stderr.contains("claim 'opt-beats-lru-beats-fifo' dropped: --set leaves it nothing to check"))
        #expect(explored.stdout.contains("= 120 runs, 1 claims"), "\(explored.stdout)")
        let none = try CLI.run(["validate", path, "--no-claims"])
        #expect(none.stdout.contains(", 0 claims") && none.stderr.contains("4 claims not checked (--no-claims)"))
        // A claim wrong in the spec itself is still an error, with or without overrides.
        let (_, wrong) = try spec(
            quickstart.replacingOccurrences(of: "order: [opt, lru, fifo]", with: "order: [opt, lru, lfu]"))
        try CLI.expectError(
            ["validate", wrong, "--set", "cache_fraction=[0.1, 0.2]"], contains: "no sweep key has all of the values")
    }

    @Test func pathsAreRelativeToTheSpecAndTheDirectoryKeepsTheSpecAsRun() throws {
        let (directory, path) = try spec(
            """
            name: relative
            model: paging
            seeds: 2
            base:
              trace: {generator: file, path: trace.txt}
            sweep:
              policy: [lru, fifo]
              cache_size: [10, 100]
            """)
        let ids = (0..<3_000).map { String(($0 * 7_919) % 500) }.joined(separator: "\n")
        try TestFiles.write(ids, to: directory + "/trace.txt")
        let out = directory + "/out"
        // Run from the repository root: the trace is found beside the spec.
        let first = try CLI.run(["run", path, "--out", out, "--set", "cache_size=[10, 50]"])
        #expect(first.status == 0, "\(first.stderr)")
        let asRun = try TestFiles.read(out + "/spec.yaml")
        #expect(asRun.contains("cache_size: [10, 50]") && asRun.contains("seeds: [1, 2]"), "\(asRun)")
        let metrics = try TestFiles.read(out + "/metrics.json")
        #expect(metrics.contains("\"name\":\"miss_ratio\"") && metrics.contains("\"unit\":\"ratio\""))
        // The copy runs the same sweep: its trace path is written absolute.
        #expect(asRun.contains("\(directory)/trace.txt"), "\(asRun)")
        let again = try CLI.run(["run", out + "/spec.yaml", "--out", directory + "/again"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try TestFiles.read(directory + "/again/summary.csv") == TestFiles.read(out + "/summary.csv"))
    }

    @Test func paretoMarksTheGlobalAndTheSeriesFronts() throws {
        let (directory, path) = try spec(
            """
            name: fronts
            model: paging
            seeds: 3
            base:
              trace: {alpha: 0.9, objects: 500, requests: 5000}
            sweep:
              policy: [fifo, lru, opt]
              cache_fraction: [0.05, 0.2]
            pareto: {x: cache_fraction, y: miss_ratio, minimize: [x, y], series: policy}
            """)
        #expect(try CLI.run(["run", path, "--out", directory + "/out"]).status == 0)
        let rows = try TestFiles.read(directory + "/out/pareto.csv").split(separator: "\n").dropFirst()
        // Every policy's two sizes are on its own front; only OPT's are on the global one.
        #expect(rows.allSatisfy { $0.hasSuffix(",true") })
        #expect(rows.filter { $0.hasSuffix(",true,true") }.map { $0.prefix(4) } == ["opt,", "opt,"])
        let (_, bogus) = try spec(
            try TestFiles.read(path).replacingOccurrences(
                of: "series: policy}", with: "series: policy, dominance: medians}"))
        try CLI.expectError(["validate", bogus], contains: "pareto.dominance: unknown dominance 'medians'")
        let (other, intervals) = try spec(
            try TestFiles.read(path).replacingOccurrences(
                of: "series: policy}", with: "series: policy, dominance: intervals}"))
        #expect(try CLI.run(["run", intervals, "--out", other + "/out"]).status == 0)
        let report = try TestFiles.read(other + "/out/report.md")
        #expect(report.contains("dominance needs separated 95% intervals"))
    }

    @Test func settingsWithoutEffectAreRefusedOrWarnedAbout() throws {
        let (_, classic) = try spec(
            "name: i\nmodel: paging\nbase: {prediction: {eps: 0.1}}\nsweep:\n  policy: [lru, fifo]\n")
        try CLI.expectError(["validate", classic], contains: "base.prediction.eps: has no effect here")
        // Used by some points of the sweep (the learned policy), ignored by the others: fine.
        let (_, mixed) = try spec(
            "name: i\nmodel: paging\nbase: {prediction: {error: lognormal, sigma: 0.5}}\nsweep:\n  policy: [lru, predictive-marker]\n"
        )
        #expect(try CLI.run(["validate", mixed]).status == 0)
        let (_, allocator) = try spec("name: i\nmodel: sessions\nbase: {server: {block_tokens: 32}}\n")
        try CLI.expectError(
            ["validate", allocator],
            contains: "base.server.block_tokens: has no effect here: it applies only when server.allocator is paged")
        // A tier's order without the tier: the DRAM order needs DRAM bytes.
        let (_, noDRAM) = try spec("name: i\nmodel: sessions\nbase: {server: {dram_policy: session-fifo}}\n")
        try CLI.expectError(
            ["validate", noDRAM],
            contains: "base.server.dram_policy: has no effect here: it applies only when server.dram_bytes > 0")
        let (_, withDRAM) = try spec(
            "name: i\nmodel: sessions\nbase: {server: {dram_policy: session-fifo, dram_bytes: 1e9}}\n")
        #expect(try CLI.run(["validate", withDRAM]).status == 0)
        let (_, tiered) = try spec("name: i\nmodel: sessions\nbase: {retention: tiered-lru}\n")
        try CLI.expectError(
            ["validate", tiered],
            contains: "retention tiered-lru (hbm-lru that moves evicted KV to DRAM) runs exactly as hbm-lru")
        // --allow-inert: a warning on the command line and in the report.
        let (directory, warned) = try spec(
            "name: i\nmodel: paging\nseeds: 2\nbase: {prediction: {eps: 0.1}, trace: {objects: 100, requests: 1000}}\n")
        let validated = try CLI.run(["validate", warned, "--allow-inert"])
        #expect(validated.status == 0 && validated.stderr.contains("warning: prediction.eps: has no effect here"))
        #expect(try CLI.run(["run", warned, "--allow-inert", "--out", directory + "/out"]).status == 0)
        let report = try TestFiles.read(directory + "/out/report.md")
        #expect(report.contains("## Notes") && report.contains("prediction.eps: has no effect here"), "\(report)")
    }
}
