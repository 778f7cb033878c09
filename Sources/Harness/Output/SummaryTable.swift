import SimCore
import Statistics

/// Per-point statistics of every metric over the seeds: the content of `summary.csv`.
///
/// For each sweep point and metric: n (runs), mean, sample standard deviation, and the
/// 95% Student-t interval of the mean, mean ± t(0.975, n−1)·sd/√n (computed by GSL).
/// With a single run, sd and the interval are undefined and left empty.
public struct SummaryTable: Sendable {
    public struct Cell: Sendable {
        public let n: Int
        public let mean: Double
        public let sd: Double?
        public let ci95: ConfidenceInterval?
    }

    public let plan: ExperimentPlan
    /// `values[point][metric]`: per-run values in seed order.
    public let values: [[[Double]]]
    /// `seeds[point]`: the seeds of the values, in order.
    public let seeds: [[UInt64]]
    /// `cells[point][metric]`.
    public let cells: [[Cell]]

    /// Builds the table from the finished runs (`metrics[ordinal]` for every planned run).
    public init(plan: ExperimentPlan, metrics: [Int: [String: Double]]) throws {
        self.plan = plan
        let names = plan.metricNames
        var values = [[[Double]]](repeating: [[Double]](repeating: [], count: names.count), count: plan.points.count)
        var seeds = [[UInt64]](repeating: [], count: plan.points.count)
        for run in plan.runs {
            guard let row = metrics[run.ordinal] else { continue }
            seeds[run.point].append(run.seed)
            for (m, name) in names.enumerated() {
                values[run.point][m].append(row[name] ?? .nan)
            }
        }
        self.values = values
        self.seeds = seeds
        cells = try values.map { perMetric in
            try perMetric.map { sample in
                guard !sample.isEmpty else { return Cell(n: 0, mean: .nan, sd: nil, ci95: nil) }
                guard sample.allSatisfy(\.isFinite) else {
                    return Cell(n: sample.count, mean: .nan, sd: nil, ci95: nil)
                }
                let summary = try Summary(of: sample)
                guard sample.count >= 2 else { return Cell(n: 1, mean: summary.mean, sd: nil, ci95: nil) }
                let interval = try StudentT.meanInterval(of: sample, level: 0.95)
                return Cell(n: sample.count, mean: summary.mean, sd: summary.sd, ci95: interval)
            }
        }
    }

    public func metricIndex(_ name: String) -> Int? { plan.metricNames.firstIndex(of: name) }

    /// `summary.csv`: sweep keys..., metric, n, mean, sd, ci95_low, ci95_high.
    public func csv() -> String {
        var csv = CSVWriter(header: plan.axes.map(\.key) + ["metric", "n", "mean", "sd", "ci95_low", "ci95_high"])
        for point in plan.points {
            for (m, name) in plan.metricNames.enumerated() {
                let cell = cells[point.index][m]
                csv.append(
                    point.parameters.map { $0.value.description } + [
                        name, String(cell.n), Self.number(cell.mean), cell.sd.map(Self.number) ?? "",
                        cell.ci95.map { Self.number($0.low) } ?? "", cell.ci95.map { Self.number($0.high) } ?? "",
                    ])
            }
        }
        return csv.text
    }

    static func number(_ x: Double) -> String { NumberFormatting.string(x) }
}
