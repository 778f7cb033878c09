import Foundation
import SimCore
import Statistics

/// Checks claims against a finished sweep's summary (see `ClaimSpec` for the kinds): one
/// `ClaimResult` per point or group of points a claim evaluates.
///
/// A row's verdict:
/// - with the paper's range (`ClaimSpec.judgedByPaperRange`): the interval of memsim's
///   value overlaps the widened range (`PaperFigure.overlaps`);
/// - otherwise: the mean (ratio, slope, capacity) is in `[min, max]`, or the order holds;
///   and where the two sides of an ordering or a directional ratio differ by less than
///   `ClaimSpec.closeRelativeDifference`, a paired t-test at `alpha` on at least
///   `ClaimSpec.pairedTestMinimumSeeds` common seeds confirms the direction.
public struct ClaimEvaluator {
    public let summary: SummaryTable
    var plan: ExperimentPlan { summary.plan }

    public init(summary: SummaryTable) { self.summary = summary }

    /// What a kind computes at one point or group, before the role turns it into a row.
    struct Measurement {
        /// The point or group the row is about (`key=value,...`; empty when nothing varies).
        var point: String
        var text: String
        /// The kind's own test (order, `[min, max]`, paired test, no censoring).
        var passed: Bool
        var value: Double? = nil
        var interval: (low: Double, high: Double)? = nil
        /// Whether the value is well-defined enough to compare with the paper (a censored
        /// capacity or a missing point is not).
        var comparable = true
    }

    public func evaluate(_ claim: ClaimSpec) throws -> [ClaimResult] {
        guard let m = summary.metricIndex(claim.metric) else {
            throw HarnessError("\(claim.path): unknown metric \(claim.metric)")
        }
        var measurements: [Measurement]
        switch claim.test {
        case .ordering(let comparison): measurements = try ordering(claim, comparison, metric: m)
        case .best(let comparison): measurements = try best(claim, comparison, metric: m)
        case .threshold(let bounds): measurements = threshold(claim, bounds, metric: m)
        case .ratio(let sides): measurements = try ratio(claim, sides, metric: m)
        case .slope(let fit): measurements = try slope(claim, fit, metric: m)
        case .capacity(let sides, let capacity): measurements = try self.capacity(claim, sides, capacity, metric: m)
        }
        if measurements.isEmpty {
            measurements = [Measurement(point: "", text: "no sweep point selected", passed: false, comparable: false)]
        }
        let expected = expectedText(claim)
        return measurements.map { row(claim, $0, expected: expected) }
    }

    /// Applies the role and the paper's range to one measurement. The interval written to
    /// `claims.csv` is the one the verdict used: the measurement's interval, or its value
    /// when it has none (a single seed), and none when the row is not comparable (a point
    /// not run, a censored capacity).
    private func row(_ claim: ClaimSpec, _ measured: Measurement, expected: String) -> ClaimResult {
        var passed = measured.passed
        var text = measured.text
        let interval = measured.comparable ? (measured.interval ?? measured.value.map { ($0, $0) }) : nil
        if claim.judgedByPaperRange, let paper = claim.paper {
            passed = measured.passed && interval.map { paper.overlaps(low: $0.0, high: $0.1) } == true
            if let interval {
                let percent = NumberFormatting.string(claim.intervalLevel * 100)
                text += " (\(percent)% interval [\(Self.format(interval.0)), \(Self.format(interval.1))])"
            }
        }
        let agreement: Agreement?
        switch claim.role {
        case .sanity: agreement = nil
        case .reproduces, .counter: agreement = passed ? (claim.judgedByPaperRange ? .number : .direction) : .disagrees
        }
        return ClaimResult(
            name: claim.name, kind: claim.kind.rawValue, role: claim.role, point: measured.point, measured: text,
            expected: expected, passed: passed, value: measured.value, interval: interval, paper: claim.paper,
            agreement: agreement, expect: claim.expectedAgreement, note: claim.note)
    }

    private func expectedText(_ claim: ClaimSpec) -> String {
        var range = claim.bounds?.text ?? ""
        if claim.judgedByPaperRange, let paper = claim.paper {
            let lo = paper.low.map(Self.format) ?? "-inf"
            let hi = paper.high.map(Self.format) ?? "inf"
            let percent = NumberFormatting.string(claim.intervalLevel * 100)
            range = "\(percent)% interval overlaps the paper's [\(lo), \(hi)]"
            if paper.tolerance > 0 { range += " widened by \(Self.format(paper.tolerance * 100))%" }
        }
        func paired(_ alpha: Double?, each: Bool = false) -> String {
            alpha.map { ", \(each ? "each step " : "")paired t-test p < \(Self.format($0))" } ?? ""
        }
        switch claim.test {
        case .ordering(let c):
            let direction = c.lowerIsBetter ? " < " : " > "
            return c.values.map(\.description).joined(separator: direction) + " in mean \(claim.metric)"
                + paired(c.alpha, each: true)
        case .best(let c):
            let value = c.values.first.map(\.description) ?? "?"
            return
                "\(value) \(c.lowerIsBetter ? "below" : "above") every other \(c.by ?? "value") in mean \(claim.metric)"
                + paired(c.alpha)
        case .threshold:
            return "mean \(claim.metric) \(range)"
        case .ratio(let sides):
            return
                "\(Self.describe(sides.numerator)) / \(Self.describe(sides.denominator)) of mean \(claim.metric) \(range)"
                + paired(sides.alpha)
        case .slope(let fit):
            let fitted =
                fit.scale == .logLog ? "log-log slope of \(claim.metric)" : "slope of \(claim.metric) per e-fold of"
            return "\(fitted) against \(fit.against) \(range)"
        case .capacity(let sides, let capacity):
            return "capacity (highest \(capacity.rate) with \(claim.metric) <= \(Self.format(capacity.slo))) of "
                + "\(Self.describe(sides.numerator)) / \(Self.describe(sides.denominator)) \(range)"
                + paired(sides.alpha)
        }
    }

    // MARK: - Helpers

    /// Points matching every key of `selector`.
    func selected(_ selector: ClaimSpec.Selector) -> [SweepPoint] {
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
    /// `Measurement.point` is the label without its `: `.
    static func groups(_ points: [SweepPoint], excluding excluded: [String]) -> [(label: String, points: [SweepPoint])]
    {
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

    /// The values of metric `m` at points `a` and `b` on their common seeds, paired.
    func pairedValues(_ a: SweepPoint, _ b: SweepPoint, metric m: Int) -> (a: [Double], b: [Double]) {
        let seedsB = summary.seeds[b.index]
        var xs: [Double] = []
        var ys: [Double] = []
        for (i, seed) in summary.seeds[a.index].enumerated() {
            if let j = seedsB.firstIndex(of: seed) {
                xs.append(summary.values[a.index][m][i])
                ys.append(summary.values[b.index][m][j])
            }
        }
        return (xs, ys)
    }

    /// The paired check of two sides whose means should differ in `direction` (+1: `a`
    /// above `b`): nil when no test is needed (sides at least 10% apart and no `alpha`),
    /// otherwise the text to report and whether it passed.
    func pairedCheck(_ a: [Double], _ b: [Double], direction: Int, alpha: Double?) throws -> (
        text: String, passed: Bool
    )? {
        let close = Self.areClose(a, b)
        guard close || alpha != nil else { return nil }
        guard let alpha else {
            return ("sides within 10%: needs alpha (paired t-test)", false)
        }
        if close, a.count < ClaimSpec.pairedTestMinimumSeeds {
            return (
                "sides within 10%: paired test on \(a.count) seeds, needs \(ClaimSpec.pairedTestMinimumSeeds)", false
            )
        }
        guard a.count >= 2, a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else { return ("no paired test", false) }
        let comparison = try PairedComparison.compare(a, b)
        let rightWay = direction > 0 ? comparison.meanDifference > 0 : comparison.meanDifference < 0
        return ("p=\(Self.format(comparison.tPValue))", rightWay && comparison.tPValue < alpha)
    }

    /// The check of a ratio judged by the paper's range: its interval is the test, but where
    /// the two sides differ by less than 10% it must rest on at least
    /// `ClaimSpec.pairedTestMinimumSeeds` seeds. Nil when the rule does not apply.
    func seedCountCheck(_ a: [Double], _ b: [Double]) -> (text: String, passed: Bool)? {
        guard Self.areClose(a, b), a.count < ClaimSpec.pairedTestMinimumSeeds else { return nil }
        return (
            "sides within 10%: the interval rests on \(a.count) seeds, needs \(ClaimSpec.pairedTestMinimumSeeds)", false
        )
    }

    /// Whether the means of `a` and `b` differ by less than `ClaimSpec.closeRelativeDifference`
    /// of the larger in magnitude.
    static func areClose(_ a: [Double], _ b: [Double]) -> Bool {
        let meanA = a.reduce(0, +) / Double(Swift.max(a.count, 1))
        let meanB = b.reduce(0, +) / Double(Swift.max(b.count, 1))
        let scale = Swift.max(Swift.abs(meanA), Swift.abs(meanB))
        return scale > 0 && Swift.abs(meanA - meanB) / scale < ClaimSpec.closeRelativeDifference
    }

    /// A group label without its trailing `: `.
    static func point(_ label: String) -> String { label.hasSuffix(": ") ? String(label.dropLast(2)) : label }

    static func describe(_ selector: ClaimSpec.Selector) -> String {
        selector.map { "\($0.key)=\($0.values.map(\.description).joined(separator: "|"))" }.joined(separator: ",")
    }

    /// Four significant digits, locale-independent.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return NumberFormatting.string(x) }
        return String(format: "%.4g", x)
    }
}
