import Foundation
import SimCore

/// `claims.csv` and `report.md`.
public enum ReportWriter {
    /// `claims.csv`: one row per evaluated point of each claim: `claim, kind, measured,
    /// expected, passed, role, measured_ci_low, measured_ci_high, paper_low, paper_high,
    /// tolerance, agreement, expect` (empty cells where a column does not apply).
    public static func claimsCSV(_ results: [ClaimResult]) -> String {
        var csv = CSVWriter(header: [
            "claim", "kind", "measured", "expected", "passed", "role", "measured_ci_low", "measured_ci_high",
            "paper_low",
            "paper_high", "tolerance", "agreement", "expect",
        ])
        func number(_ x: Double?) -> String { x.map(NumberFormatting.string) ?? "" }
        for r in results {
            let ranged = r.paper?.hasRange == true
            csv.append([
                r.name, r.kind, r.measured, r.expected, r.passed ? "true" : "false", r.role.rawValue,
                number(r.interval?.low),
                number(r.interval?.high), number(r.paper?.low), number(r.paper?.high),
                ranged ? number(r.paper?.tolerance) : "",
                r.agreement?.rawValue ?? "", r.expect?.rawValue ?? "",
            ])
        }
        return csv.text
    }

    /// `report.md`: the reproduction's card and its paper-vs-memsim table (for specs with a
    /// `reproduction` card), the claims with verdicts, capacities, and the summary as a
    /// table of mean [95% CI] per metric.
    public static func markdown(
        plan: ExperimentPlan, summary: SummaryTable, claims: [ClaimResult], pareto: ParetoFront?,
        capacities: CapacityTable
    ) -> String {
        let spec = plan.spec
        var md = "# \(spec.name)\n\n"
        if let card = spec.reproduction { md += cardSection(card, claims: claims) }
        md +=
            "Model `\(spec.modelKind)`; \(plan.points.count) sweep points x \(plan.seeds.count) seeds = \(plan.runs.count) runs.\n"
        if !plan.overrides.isEmpty {
            md +=
                "Command-line overrides: " + plan.overrides.map { "`\($0.key)=\($0.value)`" }.joined(separator: ", ")
                + ".\n"
        }
        if !plan.notes.isEmpty {
            md += "\n## Notes\n\n" + plan.notes.map { "- \(cell($0))\n" }.joined()
        }
        md += claimsSection(claims)
        if !capacities.isEmpty { md += capacitySection(capacities) }
        md += summarySection(plan: plan, summary: summary)
        if let pareto {
            let names = pareto.spec.objectives.map { "\($0.minimize ? "min" : "max") \($0.name)" }.joined(
                separator: ", ")
            md += "\n## Pareto front\n\nObjectives: \(names)"
            if pareto.spec.dominance == .intervals { md += "; dominance needs separated 95% intervals" }
            md += ". On the front across all points:\n\n"
            for point in plan.points where pareto.onFront[point.index] { md += "- \(point.label)\n" }
            if !pareto.spec.series.isEmpty {
                md += "\nOn the front of their \(pareto.spec.series.joined(separator: ", ")):\n\n"
                for point in plan.points where pareto.onSeriesFront[point.index] { md += "- \(point.label)\n" }
            }
        }
        return md
    }

    /// The card and the "Paper vs memsim" table.
    static func cardSection(_ card: ReproductionCard, claims: [ClaimResult]) -> String {
        var md = "**Paper:** \(card.paper)  \n**Numbers from:** \(card.source)  \n"
        md += "**Setting:** \(card.setting.rawValue): \(card.how)\n\n"
        let reproducing = claims.filter { $0.role == .reproduces }
        func count(_ a: Agreement) -> Int { reproducing.filter { $0.agreement == a }.count }
        md += "Of \(reproducing.count) `reproduces` rows, \(count(.number)) agree with the paper's number, "
        md +=
            "\(count(.direction)) agree in direction (the paper gives no number) and \(count(.disagrees)) disagree.\n\n"
        md += "## Paper vs memsim\n\nThe paper's statement stands on the first row of each claim.\n\n"
        md += "| claim | point | role | the paper | memsim (95% interval) | agreement |\n|---|---|---|---|---|---|\n"
        for (i, c) in claims.enumerated() {
            let first = i == 0 || claims[i - 1].name != c.name
            var paper = first ? (c.paper?.text ?? "") : ""
            if first, let figure = c.paper, figure.hasRange {
                let lo = figure.low.map(ClaimEvaluator.format) ?? "-inf"
                let hi = figure.high.map(ClaimEvaluator.format) ?? "inf"
                paper += " [\(lo), \(hi)]"
                if figure.tolerance > 0 { paper += " +-\(ClaimEvaluator.format(figure.tolerance * 100))%" }
            }
            var value = c.measured
            if let v = c.value {
                value = ClaimEvaluator.format(v)
                if let ci = c.interval {
                    value += " [\(ClaimEvaluator.format(ci.low)), \(ClaimEvaluator.format(ci.high))]"
                }
            }
            md +=
                "| \(cell(c.name)) | \(cell(c.point)) | \(c.role.rawValue) | \(cell(paper)) | \(cell(value)) | \(verdict(c)) |\n"
        }
        let notes = uniqueNotes(claims)
        if !notes.isEmpty {
            md += "\nNotes:\n\n" + notes.map { "- `\($0.name)`: \($0.note)\n" }.joined()
        }
        return md + "\n"
    }

    /// A row's verdict for the tables: its agreement (or pass/fail for sanity claims), and
    /// whether it is the one the spec declares.
    static func verdict(_ c: ClaimResult) -> String {
        var text = c.agreement?.rawValue ?? (c.passed ? "pass" : "fail")
        if c.role == .reproduces, c.expect == .disagrees, c.agreement == .disagrees { text += " (known)" }
        return c.asExpected ? text : "**\(text), unexpected**"
    }

    static func claimsSection(_ claims: [ClaimResult]) -> String {
        var md = "\n## Claims\n\n"
        guard !claims.isEmpty else { return md + "The spec declares no claims.\n" }
        let expected = claims.filter(\.asExpected).count
        md +=
            "\(claims.filter(\.passed).count) of \(claims.count) claim rows pass; \(expected) reach the verdict their spec declares.\n\n"
        md += "| claim | role | kind | expected | measured | verdict |\n|---|---|---|---|---|---|\n"
        for c in claims {
            md +=
                "| \(cell(c.name)) | \(c.role.rawValue) | \(c.kind) | \(cell(c.expected)) | \(cell(c.measured)) | \(verdict(c)) |\n"
        }
        return md
    }

    static func capacitySection(_ table: CapacityTable) -> String {
        var md = "\n## Capacity\n\nHighest swept rate at which the metric stays within its SLO (first crossing, "
        md +=
            "linearly interpolated), mean over seeds with the 95% t-interval; censored seeds never crossed within the swept range.\n\n"
        md += "| series | metric <= SLO | capacity | censored |\n|---|---|---|---|\n"
        for row in table.rows {
            let series = row.parameters.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            var value = ClaimEvaluator.format(row.mean)
            if let ci = row.interval {
                value += " [\(ClaimEvaluator.format(ci.low)), \(ClaimEvaluator.format(ci.high))]"
            }
            let censored = row.series.censoredCount
            md +=
                "| \(cell(series)) | \(row.definition.metric) <= \(ClaimEvaluator.format(row.definition.slo)) | \(value) | "
            md += "\(censored.below) below, \(censored.above) above |\n"
        }
        return md
    }

    /// Metric columns per summary table: wider tables are split.
    static let metricsPerTable = 6

    /// The metrics the report shows: those the claims, the Pareto front and `report.metrics`
    /// name, in the model's order; all of them when none is named.
    static func shownMetrics(plan: ExperimentPlan) -> [String] {
        var named = Set(plan.spec.reportMetrics + plan.spec.claims.map(\.metric))
        for objective in plan.spec.pareto?.objectives ?? [] { named.insert(objective.name) }
        let shown = plan.metricNames.filter { named.contains($0) }
        return shown.isEmpty ? plan.metricNames : shown
    }

    /// The summary: mean [95% interval] per point of the shown metrics, units in the headers,
    /// at most `metricsPerTable` metrics per table.
    static func summarySection(plan: ExperimentPlan, summary: SummaryTable) -> String {
        let shown = shownMetrics(plan: plan)
        var md = "\n## Summary\n\nMean over seeds with the 95% Student-t interval of the mean"
        if shown.count < plan.metricNames.count {
            md +=
                ", for the \(shown.count) of \(plan.metricNames.count) metrics the claims, the Pareto front and "
                + "`report.metrics` name; `summary.csv` has them all"
        }
        md += ".\n"
        let units = Dictionary(plan.modelType.metrics.map { ($0.name, $0.unit) }) { first, _ in first }
        let keys = plan.axes.map(\.key)
        for start in stride(from: 0, to: shown.count, by: metricsPerTable) {
            let metrics = Array(shown[start..<min(start + metricsPerTable, shown.count)])
            md +=
                "\n| " + (keys + metrics.map { "\($0) [\(units[$0] ?? "")]" }).map(cell).joined(separator: " | ")
                + " |\n"
            md += "|" + String(repeating: "---|", count: keys.count + metrics.count) + "\n"
            for point in plan.points {
                var fields = point.parameters.map { cell($0.value.description) }
                for name in metrics {
                    guard let m = summary.metricIndex(name) else { continue }
                    let c = summary.cells[point.index][m]
                    var text = number(c.mean)
                    if let ci = c.ci95, ci.high > ci.low { text += " [\(number(ci.low)), \(number(ci.high))]" }
                    fields.append(text)
                }
                md += "| " + fields.joined(separator: " | ") + " |\n"
            }
        }
        return md
    }

    /// A number for people: integers in full (30000, not 3e+04), others to 4 significant
    /// digits, in plain notation between 10^-3 and 10^9.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return NumberFormatting.string(x) }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let magnitude = abs(x)
        guard magnitude >= 1e-3, magnitude < 1e9 else { return String(format: "%.4g", x) }
        let decimals = max(0, 3 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func uniqueNotes(_ claims: [ClaimResult]) -> [(name: String, note: String)] {
        var seen: [String] = []
        var notes: [(name: String, note: String)] = []
        for c in claims where !seen.contains(c.name) {
            seen.append(c.name)
            if let note = c.note { notes.append((c.name, note)) }
        }
        return notes
    }

    private static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
