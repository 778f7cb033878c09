import Foundation
import SimCore

/// `claims.csv` and `report.md`.
public enum ReportWriter {
    /// `claims.csv`: claim, kind, measured, expected, passed.
    public static func claimsCSV(_ results: [ClaimResult]) -> String {
        var csv = CSVWriter(header: ["claim", "kind", "measured", "expected", "passed"])
        for r in results { csv.append([r.name, r.kind, r.measured, r.expected, r.passed ? "true" : "false"]) }
        return csv.text
    }

    /// `report.md`: the experiment, its claims with verdicts, and the summary as a table
    /// of mean [95% CI] per metric.
    public static func markdown(plan: ExperimentPlan, summary: SummaryTable, claims: [ClaimResult], pareto: ParetoFront?) -> String {
        let spec = plan.spec
        var md = "# \(spec.name)\n\n"
        md += "Model `\(spec.modelKind)`; \(plan.points.count) sweep points x \(plan.seeds.count) seeds = \(plan.runs.count) runs.\n"
        if !plan.overrides.isEmpty {
            md += "Command-line overrides: " + plan.overrides.map { "`\($0.key)=\($0.value)`" }.joined(separator: ", ") + ".\n"
        }
        md += "\n## Claims\n\n"
        if claims.isEmpty {
            md += "The spec declares no claims.\n"
        } else {
            let passed = claims.filter(\.passed).count
            md += "\(passed) of \(claims.count) claims pass.\n\n"
            let papers = spec.claims.map { $0.paper }
            if papers.contains(where: { $0 != nil }) {
                md += "| claim | kind | expected | measured | the paper | verdict |\n|---|---|---|---|---|---|\n"
                for (c, paper) in zip(claims, papers) {
                    md += "| \(cell(c.name)) | \(c.kind) | \(cell(c.expected)) | \(cell(c.measured)) | \(cell(paper ?? "")) | \(c.passed ? "pass" : "**FAIL**") |\n"
                }
            } else {
                md += "| claim | kind | expected | measured | verdict |\n|---|---|---|---|---|\n"
                for c in claims {
                    md += "| \(cell(c.name)) | \(c.kind) | \(cell(c.expected)) | \(cell(c.measured)) | \(c.passed ? "pass" : "**FAIL**") |\n"
                }
            }
        }
        md += "\n## Summary\n\nMean over seeds with the 95% Student-t interval of the mean.\n\n"
        let keys = plan.axes.map(\.key)
        let metrics = plan.metricNames
        md += "| " + (keys + metrics).map(cell).joined(separator: " | ") + " |\n"
        md += "|" + String(repeating: "---|", count: keys.count + metrics.count) + "\n"
        for point in plan.points {
            var fields = point.parameters.map { cell($0.value.description) }
            for m in metrics.indices {
                let c = summary.cells[point.index][m]
                var text = ClaimEvaluator.format(c.mean)
                if let ci = c.ci95, ci.high > ci.low {
                    text += " [\(ClaimEvaluator.format(ci.low)), \(ClaimEvaluator.format(ci.high))]"
                }
                fields.append(text)
            }
            md += "| " + fields.joined(separator: " | ") + " |\n"
        }
        if let pareto {
            let names = pareto.spec.objectives.map { "\($0.minimize ? "min" : "max") \($0.name)" }.joined(separator: ", ")
            md += "\n## Pareto front\n\nObjectives: \(names)"
            if !pareto.spec.series.isEmpty { md += "; one front per \(pareto.spec.series.joined(separator: ", "))" }
            md += ".\n\n"
            for point in plan.points where pareto.onFront[point.index] { md += "- \(point.label)\n" }
        }
        return md
    }

    private static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

