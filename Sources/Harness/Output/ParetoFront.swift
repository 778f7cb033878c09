import SimCore

/// The non-dominated sweep points for the spec's Pareto objectives: `pareto.csv`.
///
/// A point's value of an objective is its sweep value (for a sweep key) or the mean over
/// seeds (for a metric). Point p dominates q when p is no worse than q in every objective
/// and strictly better in at least one; `on_front` marks points no other point of the same
/// series dominates. Points with a non-finite objective are never on the front.
public struct ParetoFront: Sendable {
    public let spec: ParetoSpec
    public let summary: SummaryTable
    /// `objectiveValues[point][objective]`.
    public let objectiveValues: [[Double]]
    /// `onFront[point]`.
    public let onFront: [Bool]

    public init(spec: ParetoSpec, summary: SummaryTable) {
        self.spec = spec
        self.summary = summary
        let plan = summary.plan
        let values: [[Double]] = plan.points.map { point in
            spec.objectives.map { objective in
                if let m = summary.metricIndex(objective.name) { return summary.cells[point.index][m].mean }
                return point.value(of: objective.name)?.numericValue ?? .nan
            }
        }
        objectiveValues = values
        let series: [String] = plan.points.map { point in
            spec.series.map { point.value(of: $0)?.description ?? "" }.joined(separator: "\u{1F}")
        }
        onFront = plan.points.indices.map { i in
            guard values[i].allSatisfy(\.isFinite) else { return false }
            return !plan.points.indices.contains { j in
                j != i && series[j] == series[i] && values[j].allSatisfy(\.isFinite)
                    && Self.dominates(values[j], values[i], objectives: spec.objectives)
            }
        }
    }

    static func dominates(_ a: [Double], _ b: [Double], objectives: [ParetoSpec.Objective]) -> Bool {
        var strictlyBetter = false
        for (k, objective) in objectives.enumerated() {
            let (x, y) = objective.minimize ? (a[k], b[k]) : (-a[k], -b[k])
            if x > y { return false }
            if x < y { strictlyBetter = true }
        }
        return strictlyBetter
    }

    /// `pareto.csv`: sweep keys..., each objective (metric objectives add `_ci95_low` and
    /// `_ci95_high`), `on_front`.
    public func csv() -> String {
        let plan = summary.plan
        var header = plan.axes.map(\.key)
        for objective in spec.objectives
        where !header.contains(objective.name) || summary.metricIndex(objective.name) != nil {
            header.append(objective.name)
            if summary.metricIndex(objective.name) != nil {
                header += ["\(objective.name)_ci95_low", "\(objective.name)_ci95_high"]
            }
        }
        header.append("on_front")
        var csv = CSVWriter(header: header)
        for point in plan.points {
            var fields = point.parameters.map { $0.value.description }
            for (k, objective) in spec.objectives.enumerated() {
                if let m = summary.metricIndex(objective.name) {
                    let cell = summary.cells[point.index][m]
                    fields.append(NumberFormatting.string(objectiveValues[point.index][k]))
                    fields.append(cell.ci95.map { NumberFormatting.string($0.low) } ?? "")
                    fields.append(cell.ci95.map { NumberFormatting.string($0.high) } ?? "")
                } else if !plan.axes.contains(where: { $0.key == objective.name }) {
                    fields.append(NumberFormatting.string(objectiveValues[point.index][k]))
                }
            }
            fields.append(onFront[point.index] ? "true" : "false")
            csv.append(fields)
        }
        return csv.text
    }
}
