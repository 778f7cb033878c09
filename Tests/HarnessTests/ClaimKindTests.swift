import Foundation
import SimCore
import Testing

@testable import Harness

/// Each claim kind evaluated on a summary of chosen values (no simulation): the roles, the
/// paper's range, the paired test and the capacity search, each with a case that must fail.
@Suite struct ClaimKindTests {
    /// A plan over `policy: [lru, opt]` x `cache_size: sizes` with `seeds` seeds, and one claim.
    static func plan(claim: String, seeds: Int, sizes: [Double] = [1, 2]) throws -> ExperimentPlan {
        let sizeList = sizes.map { NumberFormatting.string($0) }.joined(separator: ", ")
        let yaml = """
            name: kinds
            model: paging
            seeds: \(seeds)
            base: {trace: {requests: 100, objects: 10}}
            sweep:
              policy: [lru, opt]
              cache_size: [\(sizeList)]
            claims:
              - \(claim)
            """
        return try SpecFixtures.plan(yaml)
    }

    /// Evaluates the plan's claim with `miss_ratio(policy, size, seed)` as every run's metric.
    static func evaluate(_ plan: ExperimentPlan, _ value: (String, Double, Int) -> Double) throws -> [ClaimResult] {
        var metrics: [Int: [String: Double]] = [:]
        for run in plan.runs {
            let point = plan.points[run.point]
            let policy = point.value(of: "policy")?.description ?? ""
            let size = point.value(of: "cache_size")?.numericValue ?? 0
            var row: [String: Double] = [:]
            for name in plan.metricNames { row[name] = 1 }
            row["miss_ratio"] = value(policy, size, Int(run.seed))
            metrics[run.ordinal] = row
        }
        let summary = try SummaryTable(plan: plan, metrics: metrics)
        guard let claim = plan.spec.claims.first else { return [] }
        return try ClaimEvaluator(summary: summary).evaluate(claim)
    }

    /// A deterministic wobble in [-1, 1] per seed.
    static func noise(_ seed: Int) -> Double { sin(Double(seed) * 12.9898) }

    // MARK: - Threshold and the paper's range

    @Test func thresholdAgreesInNumberWhenTheIntervalOverlapsThePaper() throws {
        let claim =
            "{role: reproduces, kind: threshold, metric: miss_ratio, at: {policy: lru, cache_size: 1}, "
            + "paper: {text: t, low: 0.5, high: 0.6}}"
        let p = try Self.plan(claim: claim, seeds: 5)
        let inside = try Self.evaluate(p) { _, _, seed in 0.45 + 0.01 * Self.noise(seed) }
        #expect(inside.count == 1)
        #expect(
            !inside[0].passed && inside[0].agreement == .disagrees && !inside[0].asExpected,
            "0.45 +- 0.01 misses [0.5, 0.6]")
        let near = try Self.evaluate(p) { _, _, seed in 0.49 + 0.02 * Self.noise(seed) }
        #expect(near[0].passed && near[0].agreement == .number && near[0].asExpected, "\(near[0])")
    }

    @Test func toleranceWidensThePapersRange() throws {
        let claim =
            "{role: reproduces, kind: threshold, metric: miss_ratio, at: {policy: lru, cache_size: 1}, "
            + "paper: {text: t, low: 0.5, high: 0.6, tolerance: 0.2}, expect: number}"
        let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 3)) { _, _, _ in 0.41 }
        #expect(rows[0].passed && rows[0].agreement == .number, "0.41 is inside [0.4, 0.72]")
        let below = try Self.evaluate(try Self.plan(claim: claim, seeds: 3)) { _, _, _ in 0.39 }
        #expect(!below[0].passed)
    }

    @Test func aKnownDisagreementIsAsExpected() throws {
        let claim =
            "{role: reproduces, kind: threshold, metric: miss_ratio, at: {policy: lru}, "
            + "paper: {text: t, high: 0.1}, expect: disagrees, note: the model's queueing is unbounded}"
        let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 3)) { _, size, _ in size == 1 ? 0.5 : 0.05 }
        #expect(rows.count == 2, "one row per point")
        #expect(rows[0].agreement == .disagrees && rows[0].asExpected)
        #expect(rows[1].agreement == .number && !rows[1].asExpected, "an unexpected agreement is flagged too")
    }

    @Test func sanityAndCounterRolesPassOrFail() throws {
        let sanity = "{role: sanity, kind: threshold, metric: miss_ratio, max: 0.5}"
        let good = try Self.evaluate(try Self.plan(claim: sanity, seeds: 2)) { _, _, _ in 0.4 }
        #expect(good.allSatisfy { $0.passed && $0.agreement == nil && $0.asExpected })
        let bad = try Self.evaluate(try Self.plan(claim: sanity, seeds: 2)) { _, _, _ in 0.6 }
        #expect(bad.allSatisfy { !$0.asExpected })
        let counter = "{role: counter, kind: threshold, metric: miss_ratio, min: 0.5}"
        let failing = try Self.evaluate(try Self.plan(claim: counter, seeds: 2)) { _, _, _ in 0.4 }
        #expect(failing.allSatisfy { $0.agreement == .disagrees && !$0.asExpected })
    }

    // MARK: - Ratio and ordering with the paired test

    @Test func closeRatioNeedsAPairedTestOnTenSeeds() throws {
        let bare =
            "{role: reproduces, kind: ratio, metric: miss_ratio, numerator: {policy: lru}, denominator: {policy: opt}, min: 1}"
        let close: (String, Double, Int) -> Double = { policy, _, seed in
            (policy == "lru" ? 0.52 : 0.5) + 0.01 * Self.noise(seed)
        }
        let withoutAlpha = try Self.evaluate(try Self.plan(claim: bare, seeds: 10), close)
        #expect(withoutAlpha.allSatisfy { !$0.passed && $0.measured.contains("needs alpha") })
        let paired = bare.replacingOccurrences(of: "min: 1}", with: "min: 1, alpha: 0.01}")
        let fewSeeds = try Self.evaluate(try Self.plan(claim: paired, seeds: 5), close)
        #expect(fewSeeds.allSatisfy { !$0.passed && $0.measured.contains("needs 10") })
        let enough = try Self.evaluate(try Self.plan(claim: paired, seeds: 10), close)
        #expect(enough.allSatisfy { $0.passed }, "\(enough.map(\.measured))")
        let noisy = try Self.evaluate(try Self.plan(claim: paired, seeds: 10)) { policy, _, seed in
            (policy == "lru" ? 0.505 : 0.5) + 0.05 * Self.noise(seed * (policy == "lru" ? 7 : 3))
        }
        #expect(noisy.allSatisfy { !$0.passed }, "a difference within the noise fails the paired test")
    }

    @Test func ratioAgainstThePapersRangeUsesTheDeltaMethodInterval() throws {
        let claim =
            "{role: reproduces, kind: ratio, metric: miss_ratio, numerator: {policy: lru}, denominator: {policy: opt}, "
            + "paper: {text: t, low: 1.5, high: 2}}"
        let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 4)) { policy, _, seed in
            policy == "lru" ? 0.65 + 0.01 * Self.noise(seed) : 0.5
        }
        let interval = try #require(rows[0].interval)
        let value = try #require(rows[0].value)
        #expect(interval.low < value && value < interval.high && interval.high < 1.4, "\(interval)")
        #expect(rows.allSatisfy { !$0.passed && $0.agreement == .disagrees })
    }

    @Test func orderingWithCloseSidesUsesThePairedTest() throws {
        let claim = "{role: reproduces, kind: ordering, metric: miss_ratio, order: [opt, lru], alpha: 0.05}"
        let consistent = try Self.evaluate(try Self.plan(claim: claim, seeds: 10)) { policy, _, seed in
            (policy == "lru" ? 0.51 : 0.5) + 0.02 * Self.noise(seed)
        }
        #expect(consistent.count == 2 && consistent.allSatisfy { $0.passed }, "\(consistent.map(\.measured))")
        // In order (0.5 < 0.5025 on average) but the differences swing +0.03 / -0.025: p > 0.05.
        let inconsistent = try Self.evaluate(try Self.plan(claim: claim, seeds: 10)) { policy, _, seed in
            policy == "lru" ? 0.5 + (seed % 2 == 0 ? 0.03 : -0.025) : 0.5
        }
        #expect(inconsistent.allSatisfy { !$0.passed && $0.agreement == .disagrees })
        #expect(
            inconsistent.allSatisfy { $0.measured.contains("<(p=") && !$0.measured.contains("!!") },
            "it fails on the test, not the order")
        let unpaired = "{role: reproduces, kind: ordering, metric: miss_ratio, order: [opt, lru]}"
        let rows = try Self.evaluate(try Self.plan(claim: unpaired, seeds: 10)) { policy, _, _ in
            policy == "lru" ? 0.51 : 0.5
        }
        #expect(rows.allSatisfy { !$0.passed }, "sides within 10% without alpha fail")
        let far = try Self.evaluate(try Self.plan(claim: unpaired, seeds: 3)) { policy, _, _ in
            policy == "lru" ? 0.8 : 0.5
        }
        #expect(far.allSatisfy { $0.passed }, "sides 10% or more apart need no paired test")
    }

    @Test func bestWithAlphaTestsTheClosestRival() throws {
        let claim =
            "{role: reproduces, kind: best, metric: miss_ratio, value: lru, lower_is_better: false, alpha: 0.05}"
        let higher = try Self.evaluate(try Self.plan(claim: claim, seeds: 10)) { policy, _, seed in
            (policy == "lru" ? 0.52 : 0.5) + 0.01 * Self.noise(seed)
        }
        #expect(higher.allSatisfy { $0.passed && $0.measured.contains(">(p=") }, "\(higher.map(\.measured))")
        let swinging = try Self.evaluate(try Self.plan(claim: claim, seeds: 10)) { policy, _, seed in
            policy == "lru" ? 0.5 + (seed % 2 == 0 ? 0.03 : -0.025) : 0.5
        }
        #expect(swinging.allSatisfy { !$0.passed }, "above on average, but not by the paired test")
    }

    @Test func aRatioJudgedByThePaperNeedsTenSeedsWhenClose() throws {
        let claim =
            "{role: reproduces, kind: ratio, metric: miss_ratio, numerator: {policy: lru}, denominator: {policy: opt}, "
            + "paper: {text: t, low: 1.0, high: 1.1}}"
        let close: (String, Double, Int) -> Double = { policy, _, seed in
            (policy == "lru" ? 0.52 : 0.5) + 0.001 * Self.noise(seed)
        }
        let few = try Self.evaluate(try Self.plan(claim: claim, seeds: 5), close)
        #expect(few.allSatisfy { !$0.passed && $0.measured.contains("needs 10") })
        let enough = try Self.evaluate(try Self.plan(claim: claim, seeds: 10), close)
        #expect(enough.allSatisfy { $0.passed && $0.agreement == .number })
    }

    @Test func bestComparesWithTheClosestRival() throws {
        let claim = "{role: sanity, kind: best, metric: miss_ratio, value: opt}"
        let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 3)) { policy, _, _ in
            policy == "opt" ? 0.3 : 0.5
        }
        #expect(rows.count == 2 && rows.allSatisfy { $0.passed })
        let wrong = try Self.evaluate(try Self.plan(claim: claim, seeds: 3)) { policy, _, _ in
            policy == "opt" ? 0.6 : 0.5
        }
        #expect(wrong.allSatisfy { !$0.passed })
    }

    // MARK: - Slopes

    @Test func semiLogSlopeAgainstThePapersRange() throws {
        let claim =
            "{role: reproduces, kind: slope, scale: semi-log, metric: miss_ratio, against: cache_size, at: {policy: lru}, "
            + "paper: {text: t, low: 0.9, high: 1.1}}"
        let p = try Self.plan(claim: claim, seeds: 4, sizes: [1, 2, 4, 8])
        let logarithmic = try Self.evaluate(p) { _, size, seed in 3 + log(size) + 0.01 * Self.noise(seed) }
        #expect(logarithmic.count == 1 && logarithmic[0].passed && logarithmic[0].agreement == .number)
        let steeper = try Self.evaluate(p) { _, size, seed in 3 + 2 * log(size) + 0.01 * Self.noise(seed) }
        #expect(!steeper[0].passed && steeper[0].agreement == .disagrees)
        let loglog =
            "{role: counter, kind: slope, metric: miss_ratio, against: cache_size, at: {policy: lru}, max: -0.4}"
        let power = try Self.evaluate(try Self.plan(claim: loglog, seeds: 2, sizes: [1, 2, 4, 8])) { _, size, _ in
            pow(size, -0.5)
        }
        #expect(power[0].passed && abs((power[0].value ?? 0) + 0.5) < 1e-9)
    }

    // MARK: - Capacity

    @Test func capacityInterpolatesTheFirstCrossing() {
        let curve: [(rate: Double, metric: Double)] = [(4, 3), (1, 1), (2, 1.5), (3, 2.5)]
        #expect(CapacityEstimate(points: curve, slo: 2) == CapacityEstimate(rate: 2.5, censoring: .none))
        #expect(CapacityEstimate(points: curve, slo: 0.5) == CapacityEstimate(rate: 1, censoring: .belowRange))
        #expect(CapacityEstimate(points: curve, slo: 5) == CapacityEstimate(rate: 4, censoring: .aboveRange))
        let dipping: [(rate: Double, metric: Double)] = [(1, 1), (2, 3), (3, 1)]
        #expect(CapacityEstimate(points: dipping, slo: 2).rate == 1.5, "the first crossing, not the last")
        let nan: [(rate: Double, metric: Double)] = [(1, 1), (2, .nan)]
        #expect(
            CapacityEstimate(points: nan, slo: 2) == CapacityEstimate(rate: 1, censoring: .none),
            "NaN counts as over, with the capacity at the last rate within the SLO")
    }

    @Test func capacityRatioOfTwoSeries() throws {
        let claim =
            "{role: reproduces, kind: capacity, metric: miss_ratio, slo: 2, rate: cache_size, "
            + "numerator: {policy: lru}, denominator: {policy: opt}, paper: {text: t, low: 1.9, high: 2.1}}"
        let p = try Self.plan(claim: claim, seeds: 3, sizes: [1, 2, 3, 4, 5, 6])
        // lru's metric is size / 2 (crosses 2 at 4), opt's is size (crosses 2 at 2).
        let rows = try Self.evaluate(p) { policy, size, _ in policy == "lru" ? size / 2 : size }
        #expect(rows.count == 1 && rows[0].passed && rows[0].value == 2, "\(rows)")
        let half = try Self.evaluate(p) { _, size, _ in size }
        #expect(!half[0].passed && half[0].value == 1)
        let censored = try Self.evaluate(p) { policy, size, _ in policy == "lru" ? size / 10 : size }
        #expect(
            !censored[0].passed && censored[0].measured.contains("censored"), "a capacity beyond the swept rates fails")
        #expect(censored[0].interval == nil, "a censored row writes no interval, so none can look like an agreement")
    }

    @Test func aCapacitySeriesNeedsOnePointPerRate() throws {
        // The numerator selects both policies: two curves over the same rates.
        let claim =
            "{role: counter, kind: capacity, metric: miss_ratio, slo: 2, rate: cache_size, "
            + "numerator: {policy: [lru, opt]}, denominator: {policy: opt}, min: 1}"
        let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 2, sizes: [1, 2, 3, 4])) { _, size, _ in size }
        #expect(rows.count == 1 && !rows[0].passed && rows[0].measured.contains("several sweep points per rate"))
    }

    @Test func capacityWithAlphaTestsPerSeedCapacities() throws {
        let claim =
            "{role: counter, kind: capacity, metric: miss_ratio, slo: 2, rate: cache_size, "
            + "numerator: {policy: lru}, denominator: {policy: opt}, min: 1, alpha: 0.05}"
        let p = try Self.plan(claim: claim, seeds: 10, sizes: [1, 2, 3, 4, 5, 6])
        // lru crosses the SLO a little later than opt at every seed: about 1.03x, consistently.
        let rows = try Self.evaluate(p) { policy, size, seed in
            size * (policy == "lru" ? 0.97 : 1) + 0.01 * Self.noise(seed)
        }
        #expect(rows.count == 1 && rows[0].passed && rows[0].measured.contains("p="), "\(rows)")
    }

    @Test func duplicateClaimNamesAreRejected() {
        let claim =
            "{name: same, role: sanity, kind: threshold, metric: miss_ratio, max: 1}\n  - {name: same, role: sanity, kind: threshold, metric: miss_ratio, max: 2}"
        let message = SpecFixtures.message { _ = try Self.plan(claim: claim, seeds: 1) }
        #expect(message.contains("claims[1].name: duplicate claim name 'same'"), "\(message)")
    }

    // MARK: - Property: passed exactly when the interval overlaps the widened range

    @Test func passedIsExactlyTheOverlapOverManySeeds() throws {
        var random = RandomSource(seed: 20)
        for trial in 0..<200 {
            let low = random.uniform(in: 0..<1) * 2
            let high = low + random.uniform(in: 0..<1)
            let tolerance = (random.uniform(in: 0..<1) * 0.3 * 100).rounded() / 100
            let claim =
                "{role: reproduces, kind: threshold, metric: miss_ratio, at: {policy: lru, cache_size: 1}, "
                + "paper: {text: t, low: \(low), high: \(high), tolerance: \(tolerance)}}"
            let center = random.uniform(in: 0..<1) * 3
            let spread = random.uniform(in: 0..<1) * 0.5
            let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 4)) { _, _, seed in
                center + spread * Self.noise(seed)
            }
            let row = rows[0]
            let interval = try #require(row.interval)
            let overlaps = interval.high >= low - abs(low) * tolerance && interval.low <= high + abs(high) * tolerance
            #expect(row.passed == overlaps, "trial \(trial): \(interval) against [\(low), \(high)] +- \(tolerance)")
            #expect(row.agreement == (overlaps ? .number : .disagrees))
        }
    }

    @Test func ratioRowsPassExactlyWhenTheirIntervalOverlaps() throws {
        var random = RandomSource(seed: 21)
        for trial in 0..<100 {
            let low = 1 + random.uniform(in: 0..<1)
            let high = low + random.uniform(in: 0..<0.5)
            let claim =
                "{role: reproduces, kind: ratio, metric: miss_ratio, numerator: {policy: lru}, denominator: {policy: opt}, "
                + "paper: {text: t, low: \(low), high: \(high)}}"
            let scale = 1 + random.uniform(in: 0..<1.5)
            let spread = random.uniform(in: 0..<0.3)
            let rows = try Self.evaluate(try Self.plan(claim: claim, seeds: 10)) { policy, _, seed in
                policy == "lru" ? scale * (0.5 + spread * Self.noise(seed)) : 0.5 + 0.05 * Self.noise(seed * 3)
            }
            for row in rows {
                let interval = try #require(row.interval)
                let overlaps = interval.high >= low && interval.low <= high
                #expect(row.passed == overlaps, "trial \(trial): \(interval) against [\(low), \(high)]")
            }
        }
    }
}
