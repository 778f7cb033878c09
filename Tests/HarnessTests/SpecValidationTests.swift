import SimCore
import Testing

@testable import Harness

/// Every kind of bad spec input gives one located line.
@Suite struct SpecValidationTests {
    func error(_ yaml: String, overrides: [String] = []) -> String {
        SpecFixtures.message { _ = try SpecFixtures.plan(yaml, overrides: overrides) }
    }

    @Test func validSpecExpandsInDeclaredOrder() throws {
        let plan = try SpecFixtures.plan(SpecFixtures.small)
        #expect(
            plan.points.map(\.label) == [
                "policy=fifo,cache_fraction=0.05", "policy=fifo,cache_fraction=0.2", "policy=lru,cache_fraction=0.05",
                "policy=lru,cache_fraction=0.2", "policy=opt,cache_fraction=0.05", "policy=opt,cache_fraction=0.2",
            ])
        #expect(plan.runs.count == 18)
        #expect(plan.runs.map(\.ordinal) == Array(0..<18))
        #expect(plan.runs.prefix(3).map(\.seed) == [1, 2, 3])
        #expect(Set(plan.runs.map(\.key)).count == 18)
        #expect(plan.points[0].configuration.value(at: "trace.alpha") == .double(0.8))
        #expect(plan.points[0].configuration.value(at: "trace.generator") == .string("zipf"), "default kept")
    }

    @Test func resolutionOrderDefaultsBaseSweepSet() throws {
        let plan = try SpecFixtures.plan(SpecFixtures.small, overrides: ["trace.alpha=1.1", "cache_fraction=0.3"])
        #expect(plan.points.allSatisfy { $0.configuration.value(at: "trace.alpha") == .double(1.1) })
        #expect(
            plan.axes.first { $0.key == "cache_fraction" }?.values == [.double(0.3)],
            "--set on a sweep key replaces the axis")
        #expect(plan.points.count == 3)
        let listed = try SpecFixtures.plan(SpecFixtures.small, overrides: ["policy=[lru, opt]"])
        #expect(listed.points.count == 4)
    }

    @Test func syntaxErrorShowsTheLine() {
        let message = error("name: x\nmodel: paging\nsweep:\n  policy: [lru, fifo\n")
        #expect(message.hasPrefix("test.yaml:"), "\(message)")
        #expect(message.contains("YAML syntax error"), "\(message)")
    }

    @Test func unknownModelSuggests() {
        #expect(
            error("name: x\nmodel: pagin\n")
                == "test.yaml:2: model: unknown model 'pagin' (did you mean 'paging'?); valid: paging, sessions, context-reader, shared-context, adapters, streaming-bandit, bandit, replay, kv-eviction, agent-memory"
        )
    }

    @Test func unknownTopLevelKeySuggests() {
        #expect(
            error("name: x\nmodel: paging\nsweeps: {policy: [lru]}\n").contains(
                "sweeps: unknown key 'sweeps' (did you mean 'sweep'?)"))
    }

    @Test func unknownBaseKeySuggests() {
        let message = error("name: x\nmodel: paging\nbase:\n  cache_sise: 10\n")
        #expect(
            message.hasPrefix("test.yaml:4: base.cache_sise: unknown key 'cache_sise' (did you mean 'cache_size'?)"),
            "\(message)")
    }

    @Test func unknownNestedKeySuggests() {
        let message = error("name: x\nmodel: paging\nbase:\n  trace: {alpah: 1}\n")
        #expect(
            message.contains("base.trace.alpah: unknown key 'trace.alpah' (did you mean 'trace.alpha'?)"), "\(message)")
    }

    @Test func wrongTypeNamesTheKey() {
        let message = error("name: x\nmodel: paging\nbase:\n  trace: {objects: many}\n")
        #expect(message == "test.yaml:4: base.trace.objects: expected integer, found string 'many'", "\(message)")
    }

    @Test func outOfRangeNamesTheSweepKeyAndLine() {
        let message = error("name: x\nmodel: paging\nsweep:\n  cache_fraction: [0.1, 1.5]\n")
        #expect(message == "test.yaml:4: sweep.cache_fraction: 1.5 is out of range; allowed: (0, 1]", "\(message)")
    }

    @Test func emptySweepList() {
        #expect(
            error("name: x\nmodel: paging\nsweep:\n  policy: []\n") == "test.yaml:4: sweep.policy: empty sweep list")
    }

    @Test func whereThatFiltersEverything() {
        let message = error("name: x\nmodel: paging\nsweep:\n  policy: [lru]\nwhere: [\"policy == 'opt'\"]\n")
        #expect(message == "test.yaml:5: where: the filters exclude every sweep point: nothing to run", "\(message)")
    }

    @Test func whereFiltersPoints() throws {
        let plan = try SpecFixtures.plan(
            "name: x\nmodel: paging\nsweep:\n  policy: [lru, opt]\n  cache_fraction: [0.1, 0.5]\nwhere: [\"policy != 'opt' or cache_fraction <= 0.1\"]\n"
        )
        #expect(
            plan.points.map(\.label) == [
                "policy=lru,cache_fraction=0.1", "policy=lru,cache_fraction=0.5", "policy=opt,cache_fraction=0.1",
            ])
    }

    @Test func whereWithUnknownKey() {
        let message = error("name: x\nmodel: paging\nwhere: [\"polcy == 'lru'\"]\n")
        #expect(message.contains("where[0]: 'polcy == 'lru'': unknown key 'polcy'"), "\(message)")
    }

    @Test func unknownPolicyInSweepSuggests() {
        let message = error("name: x\nmodel: paging\nsweep:\n  policy: [lru, fifoo]\n")
        #expect(
            message.hasPrefix("test.yaml:4: sweep.policy: unknown value 'fifoo' (did you mean 'fifo'?)"), "\(message)")
    }

    @Test func unknownPolicyInSet() {
        let message = error("name: x\nmodel: paging\n", overrides: ["policy=lur"])
        #expect(message.hasPrefix("--set policy: unknown value 'lur' (did you mean 'lru'?)"), "\(message)")
    }

    @Test func unknownKeyInSet() {
        #expect(
            error("name: x\nmodel: paging\n", overrides: ["polcy=lru"]).hasPrefix(
                "--set polcy: unknown key 'polcy' (did you mean 'policy'?)"))
    }

    @Test func malformedSet() {
        #expect(SpecFixtures.message { _ = try Override.parse("nokey") } == "expected key=value")
    }

    @Test func claimsAreCheckedBeforeRunning() {
        let base = "name: x\nmodel: paging\nsweep:\n  policy: [lru, opt]\n"
        #expect(
            error(base + "claims:\n  - {role: sanity, kind: order, metric: misses}\n").contains(
                "claims[0].kind: unknown claim kind 'order' (did you mean 'ordering'?)"))
        #expect(
            error(base + "claims:\n  - {role: sanity, kind: threshold, metric: mises, max: 1}\n").contains(
                "claims[0].metric: unknown metric 'mises' (did you mean 'misses'?)"))
        #expect(
            error(base + "claims:\n  - {role: sanity, kind: ordering, metric: misses, order: [lru, arc]}\n").contains(
                "no sweep key has all of the values lru, arc"))
        #expect(
            error(base + "claims:\n  - {role: sanity, kind: threshold, metric: misses}\n").contains(
                "give min, max or both"))
        #expect(
            error(base + "claims:\n  - {role: sanity, kind: threshold, metric: misses, max: 1, at: {policy: fifo}}\n")
                .contains("'fifo' is not a swept value of policy"))
    }

    @Test func claimRolesPaperFiguresAndExpectationsAreChecked() {
        let base = "name: x\nmodel: paging\nsweep:\n  policy: [lru, opt]\nclaims:\n  - "
        let cases: [(String, String)] = [
            (
                "{kind: threshold, metric: misses, max: 1}",
                "claims[0].role: missing claim role; valid: reproduces, sanity, counter"
            ),
            ("{role: replicates, kind: threshold, metric: misses, max: 1}", "unknown claim role 'replicates'"),
            (
                "{role: reproduces, kind: threshold, metric: misses, max: 1, paper: \"a sentence\"}",
                "claims[0].paper: expected a map"
            ),
            ("{role: reproduces, kind: threshold, metric: misses, paper: {low: 1}}", "claims[0].paper.text: missing"),
            (
                "{role: reproduces, kind: threshold, metric: misses, max: 2, paper: {text: t, low: 1}}",
                "min/max would be ignored"
            ),
            (
                "{role: reproduces, kind: threshold, metric: misses, paper: {text: t, low: 2, high: 1}}",
                "low 2.0 is above high 1.0"
            ),
            (
                "{role: reproduces, kind: threshold, metric: misses, paper: {text: t, low: 1, tolerance: -1}}",
                "tolerance: -1.0 is out of range"
            ),
            (
                "{role: sanity, kind: threshold, metric: misses, paper: {text: t, low: 1}}",
                "a sanity claim is judged by min/max"
            ),
            (
                "{role: reproduces, kind: best, metric: misses, value: opt, paper: {text: t, low: 1}}",
                "has no number to compare"
            ),
            (
                "{role: reproduces, kind: threshold, metric: misses, paper: {text: t, low: 1}, expect: disagrees}",
                "claims[0].note: missing"
            ),
            (
                "{role: reproduces, kind: threshold, metric: misses, max: 1, expect: number}",
                "'number' needs the paper's low or high"
            ),
            (
                "{role: sanity, kind: threshold, metric: misses, max: 1, expect: direction}",
                "only a reproduces claim has an expected agreement"
            ),
            (
                "{role: reproduces, kind: ratio, metric: misses, numerator: {policy: lru}, denominator: {policy: opt}, min: 0.5, max: 2, alpha: 0.05}",
                "a paired test needs a direction"
            ),
            (
                "{role: reproduces, kind: capacity, metric: misses, rate: policy, slo: 1, numerator: {policy: lru}, denominator: {policy: opt}, min: 1}",
                "'policy' must be swept over at least two numeric rates"
            ),
            (
                "{role: reproduces, kind: capacity, metric: misses, numerator: {policy: lru}, denominator: {policy: opt}, min: 1}",
                "claims[0].rate: missing"
            ),
        ]
        for (claim, expected) in cases {
            let message = error(base + claim + "\n")
            #expect(message.contains(expected), "\(claim): \(message)")
        }
    }

    @Test func reproductionCardsAreChecked() {
        let base = "name: x\nmodel: paging\nsweep:\n  policy: [lru, opt]\n"
        #expect(
            error(base + "reproduction: {paper: p, source: s, setting: faithfull, how: h}\n").contains(
                "unknown setting 'faithfull' (did you mean 'faithful'?)"))
        #expect(
            error(base + "reproduction: {paper: p, setting: faithful, how: h}\n").contains(
                "reproduction.source: missing required key"))
    }

    @Test func paretoObjectivesAreChecked() {
        let base = "name: x\nmodel: paging\nsweep:\n  policy: [lru, opt]\n"
        #expect(
            error(base + "pareto: {x: policy, y: misses, minimize: [x, y]}\n").contains(
                "objective 'policy' is a sweep key with non-numeric values"))
        #expect(
            error(base + "pareto: {x: misses, y: mis_ratio, minimize: [x, y]}\n").contains(
                "unknown objective 'mis_ratio'"))
        #expect(
            error(base + "pareto: {x: misses, y: miss_ratio, minimize: [x]}\n").contains(
                "must appear in exactly one of minimize or maximize"))
    }

    @Test func seedsValidation() {
        #expect(error("name: x\nmodel: paging\nseeds: 0\n").contains("seeds: 0 is out of range"))
        #expect(error("name: x\nmodel: paging\nseeds: [1, 1]\n").contains("seeds[1]: duplicate seed 1"))
        #expect(
            error("name: x\nmodel: paging\nseeds: [1, -2]\n").contains("seeds[1]: expected a non-negative integer seed")
        )
    }

    @Test func missingRequiredKeys() {
        #expect(error("model: paging\n") == "test.yaml: name: missing required key")
        #expect(error("name: x\n") == "test.yaml: model: missing required key")
        #expect(error("") == "test.yaml: the document is empty")
    }

    @Test func missingFile() {
        #expect(
            SpecFixtures.message { _ = try YAMLDocument.load(path: "/nonexistent/spec.yaml") }
                == "/nonexistent/spec.yaml: no such file")
    }
}
