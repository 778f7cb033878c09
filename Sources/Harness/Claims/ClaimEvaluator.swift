import Foundation
import SimCore
import Statistics

/// The outcome of one claim: one row of `claims.csv`.
public struct ClaimResult: Sendable, Equatable {
    public let name: String
    public let kind: String
    /// The figures the verdict rests on, with the points they come from.
    public let measured: String
    /// What the spec expects.
    public let expected: String
    public let passed: Bool
}

/// Checks claims against a finished sweep's summary (see `ClaimSpec` for the kinds).
public struct ClaimEvaluator {
    public let summary: SummaryTable
    var plan: ExperimentPlan { summary.plan }

    public init(summary: SummaryTable) { self.summary = summary }

    public func evaluate(_ claim: ClaimSpec) throws -> ClaimResult {
        guard let m = summary.metricIndex(claim.metric) else {
            throw HarnessError("\(claim.path): unknown metric \(claim.metric)")
        }
        switch claim.kind {
        case .ordering: return try ordering(claim, metric: m)
        case .best: return try best(claim, metric: m)
        case .threshold: return threshold(claim, metric: m)
        case .ratio: return ratio(claim, metric: m)
        case .slope: return try slope(claim, metric: m)
        }
    }

    // MARK: - Kinds

    private func ordering(_ claim: ClaimSpec, metric m: Int) throws -> ClaimResult {
        let by = try ClaimValidator(plan: plan).orderingKey(claim)
        var parts: [String] = []
        var passed = true
        for group in groups(selected(claim.at), excluding: [by]) {
            var entries: [(label: String, point: SweepPoint)] = []
            for value in claim.order {
                guard let point = group.points.first(where: { $0.value(of: by)?.matches(value) == true }) else {
                    passed = false
                    parts.append("\(group.label)\(value) not run")
                    continue
                }
                entries.append(("\(value)", point))
            }
            guard entries.count == claim.order.count else { continue }
            var text = group.label
            for (k, entry) in entries.enumerated() {
                let mean = summary.cells[entry.point.index][m].mean
                if k > 0 {
                    let previous = summary.cells[entries[k - 1].point.index][m].mean
                    let inOrder = claim.lowerIsBetter ? previous < mean : previous > mean
                    var relation = inOrder ? (claim.lowerIsBetter ? " < " : " > ") : " !! "
                    if let alpha = claim.alpha {
                        let p = try pairedPValue(entries[k - 1].point, entry.point, metric: m)
                        relation = relation.trimmingCharacters(in: .whitespaces)
                        relation = " \(relation)(p=\(Self.format(p))) "
                        if !(p < alpha) { passed = false }
                    }
                    if !inOrder { passed = false }
                    text += relation
                }
                text += "\(entry.label)=\(Self.format(mean))"
            }
            parts.append(text)
        }
        let direction = claim.lowerIsBetter ? " < " : " > "
        var expected = claim.order.map(\.description).joined(separator: direction) + " in mean \(claim.metric)"
        if let alpha = claim.alpha { expected += ", each step paired t-test p < \(Self.format(alpha))" }
        return result(claim, parts, expected, passed)
    }

    private func best(_ claim: ClaimSpec, metric m: Int) throws -> ClaimResult {
        let by = try ClaimValidator(plan: plan).orderingKey(claim)
        guard let value = claim.order.first else { throw HarnessError("\(claim.path): missing value") }
        var parts: [String] = []
        var passed = true
        for group in groups(selected(claim.at), excluding: [by]) {
            guard let winner = group.points.first(where: { $0.value(of: by)?.matches(value) == true }) else {
                passed = false
                parts.append("\(group.label)\(value) not run")
                continue
            }
            let mean = summary.cells[winner.index][m].mean
            let rivals = group.points.filter { $0.index != winner.index }
            guard !rivals.isEmpty else {
                passed = false
                parts.append("\(group.label)no other \(by) to compare")
                continue
            }
            func better(_ a: Double, _ b: Double) -> Bool { claim.lowerIsBetter ? a < b : a > b }
            let closest = rivals.min { better(summary.cells[$0.index][m].mean, summary.cells[$1.index][m].mean) } ?? rivals[0]
            let closestMean = summary.cells[closest.index][m].mean
            let beatsAll = rivals.allSatisfy { better(mean, summary.cells[$0.index][m].mean) }
            if !beatsAll { passed = false }
            let rival = closest.value(of: by).map(\.description) ?? "?"
            parts.append(
                "\(group.label)\(value)=\(Self.format(mean))\(beatsAll ? (claim.lowerIsBetter ? " < " : " > ") : " !! ")\(rival)=\(Self.format(closestMean))")
        }
        let expected = "\(value) \(claim.lowerIsBetter ? "below" : "above") every other \(by) in mean \(claim.metric)"
        return result(claim, parts, expected, passed)
    }

    private func threshold(_ claim: ClaimSpec, metric m: Int) -> ClaimResult {
        var parts: [String] = []
        var passed = true
        for point in selected(claim.at) {
            let mean = summary.cells[point.index][m].mean
            if !claim.inRange(mean) { passed = false }
            parts.append("\(point.label): \(Self.format(mean))")
        }
        return result(claim, parts, "mean \(claim.metric) \(claim.expectedRange)", passed)
    }

    private func ratio(_ claim: ClaimSpec, metric m: Int) -> ClaimResult {
        let roleKeys = (claim.numerator + claim.denominator).map(\.key)
        var parts: [String] = []
        var passed = true
        for group in groups(selected(claim.at), excluding: roleKeys) {
            let numerators = group.points.filter { Self.matches($0, claim.numerator) }
            let denominators = group.points.filter { Self.matches($0, claim.denominator) }
            guard numerators.count == 1, denominators.count == 1, let n = numerators.first, let d = denominators.first else {
                passed = false
                parts.append("\(group.label)numerator or denominator not run (or not unique)")
                continue
            }
            let value = summary.cells[n.index][m].mean / summary.cells[d.index][m].mean
            if !claim.inRange(value) { passed = false }
            parts.append("\(group.label)\(Self.format(value))")
        }
        let expected = "\(Self.describe(claim.numerator)) / \(Self.describe(claim.denominator)) of mean \(claim.metric) \(claim.expectedRange)"
        return result(claim, parts, expected, passed)
    }

    private func slope(_ claim: ClaimSpec, metric m: Int) throws -> ClaimResult {
        let against = claim.against ?? ""
        var parts: [String] = []
        var passed = true
        for group in groups(selected(claim.at), excluding: [against]) {
            var xs: [Double] = []
            var ys: [Double] = []
            for point in group.points {
                guard let x = point.value(of: against)?.numericValue else { continue }
                for y in summary.values[point.index][m] {
                    xs.append(x)
                    ys.append(y)
                }
            }
            do {
                let fit = try claim.scale == .logLog ? LinearFit.logLog(x: xs, y: ys) : LinearFit.semiLog(x: xs, y: ys)
                let interval = try fit.slopeInterval(level: claim.level)
                if !claim.inRange(fit.slope) { passed = false }
                let percent = NumberFormatting.string(claim.level * 100)
                parts.append(
                    "\(group.label)slope \(Self.format(fit.slope)) (\(percent)% CI [\(Self.format(interval.low)), \(Self.format(interval.high))], n=\(fit.n))")
            } catch let error as StatisticsError {
                passed = false
                parts.append("\(group.label)no fit: \(error)")
            }
        }
        let fitted = claim.scale == .logLog ? "log-log slope of \(claim.metric)" : "slope of \(claim.metric) per e-fold of"
        return result(claim, parts, "\(fitted) against \(against) \(claim.expectedRange)", passed)
    }

    // MARK: - Helpers

    private func result(_ claim: ClaimSpec, _ parts: [String], _ expected: String, _ passed: Bool) -> ClaimResult {
        ClaimResult(
            name: claim.name, kind: claim.kind.rawValue, measured: parts.joined(separator: "; "), expected: expected,
            passed: passed && !parts.isEmpty)
    }

    /// Points matching every key of `selector`.
    private func selected(_ selector: ClaimSpec.Selector) -> [SweepPoint] {
        plan.points.filter { Self.matches($0, selector) }
    }

    static func matches(_ point: SweepPoint, _ selector: ClaimSpec.Selector) -> Bool {
        selector.allSatisfy { key, values in
            guard let v = point.value(of: key) else { return false }
            return values.contains { $0.matches(v) }
        }
    }

    /// Points grouped by their values of every sweep key not in `excluded`, groups in order
    /// of first appearance; `label` is `key=value,...: ` (empty when nothing varies).
    private func groups(_ points: [SweepPoint], excluding excluded: [String]) -> [(label: String, points: [SweepPoint])] {
        var result: [(label: String, points: [SweepPoint])] = []
        for point in points {
            let rest = point.parameters.filter { !excluded.contains($0.key) }
            let label = rest.isEmpty ? "" : rest.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + ": "
            if let i = result.firstIndex(where: { $0.label == label }) {
                result[i].points.append(point)
            } else {
                result.append((label, [point]))
            }
        }
        return result
    }

    private func pairedPValue(_ a: SweepPoint, _ b: SweepPoint, metric m: Int) throws -> Double {
        let seedsA = summary.seeds[a.index], seedsB = summary.seeds[b.index]
        var xs: [Double] = []
        var ys: [Double] = []
        for (i, seed) in seedsA.enumerated() {
            if let j = seedsB.firstIndex(of: seed) {
                xs.append(summary.values[a.index][m][i])
                ys.append(summary.values[b.index][m][j])
            }
        }
        guard xs.count >= 2 else { return .nan }
        return try PairedComparison.compare(xs, ys).tPValue
    }

    private static func describe(_ selector: ClaimSpec.Selector) -> String {
        selector.map { "\($0.key)=\($0.values.map(\.description).joined(separator: "|"))" }.joined(separator: ",")
    }

    /// Four significant digits, locale-independent.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return NumberFormatting.string(x) }
        return String(format: "%.4g", x)
    }
}
