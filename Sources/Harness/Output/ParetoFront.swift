import SimCore

/// The non-dominated sweep points for the spec's Pareto objectives: `pareto.csv`.
///
/// A point's value of an objective is its sweep value (for a sweep key) or the mean over
/// seeds (for a metric). Point p dominates q when p is no worse than q in every objective
/// and strictly better in at least one (with `dominance: intervals`, better with 95%
/// intervals that do not overlap). `on_front` marks the points no other point dominates
/// (the global front, across series); `on_series_front` those no other point of the same
/// series dominates. Points with a non-finite objective are on neither.
public struct ParetoFront: Sendable {
    public let spec: ParetoSpec
    public let summary: SummaryTable
    /// `objectiveValues[point][objective]`.
    public let objectiveValues: [[Double]]
    /// `onFront[point]`: on the global front.
    public let onFront: [Bool]
    /// `onSeriesFront[point]`: on its series' front.
    public let onSeriesFront: [Bool]
    /// `intervals[point][objective]`: the 95% interval of a metric objective (its mean when
    /// it has none), the value itself for a sweep key.
    let intervals: [[(low: Double, high: Double)]]

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
        let intervals: [[(low: Double, high: Double)]] = plan.points.map { point in
            spec.objectives.enumerated().map { k, objective in
                let value = values[point.index][k]
                guard let m = summary.metricIndex(objective.name), let ci = summary.cells[point.index][m].ci95 else {
                    return (value, value)
                }
                return (ci.low, ci.high)
            }
        }
        self.intervals = intervals
        let series: [String] = plan.points.map { point in
            spec.series.map { point.value(of: $0)?.description ?? "" }.joined(separator: "\u{1F}")
        }
        func front(sameSeriesOnly: Bool) -> [Bool] {
            plan.points.indices.map { i in
                guard values[i].allSatisfy(\.isFinite) else { return false }
                return !plan.points.indices.contains { j in
                    j != i && (!sameSeriesOnly || series[j] == series[i]) && values[j].allSatisfy(\.isFinite)
                        && Self.dominates(
                            (values[j], intervals[j]), (values[i], intervals[i]), objectives: spec.objectives,
                            byIntervals: spec.dominance == .intervals)
                }
            }
        }
        onFront = front(sameSeriesOnly: false)
        onSeriesFront = front(sameSeriesOnly: true)
    }

    /// Whether `a` dominates `b`: no worse in every objective (means) and better in one, by
    /// the means, or with `byIntervals` by intervals that do not overlap.
    static func dominates(
        _ a: (values: [Double], intervals: [(low: Double, high: Double)]),
        _ b: (values: [Double], intervals: [(low: Double, high: Double)]), objectives: [ParetoSpec.Objective],
        byIntervals: Bool
    ) -> Bool {
        var strictlyBetter = false
        for (k, objective) in objectives.enumerated() {
            let (x, y) = objective.minimize ? (a.values[k], b.values[k]) : (-a.values[k], -b.values[k])
            if x > y { return false }
            guard x < y else { continue }
            if !byIntervals {
                strictlyBetter = true
            } else if objective.minimize
                ? a.intervals[k].high < b.intervals[k].low : a.intervals[k].low > b.intervals[k].high
            {
                strictlyBetter = true
            }
        }
        return strictlyBetter
    }

    /// `pareto.csv`: sweep keys..., each objective (metric objectives add `_ci95_low` and
    /// `_ci95_high`), `on_front` (global), `on_series_front`.
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
        header += ["on_front", "on_series_front"]
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
            fields.append(onSeriesFront[point.index] ? "true" : "false")
            csv.append(fields)
        }
        return csv.text
    }
}
