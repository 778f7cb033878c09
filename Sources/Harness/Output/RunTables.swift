import SimCore

/// `tables.csv`: every run's tables (`MetricRow.tables`, e.g. the replay model's accuracy
/// matrix) in tidy form, one line per cell: sweep keys..., seed, table, row, column, value;
/// runs in canonical order, rows and columns from 0. Written only when the model declares
/// tables.
enum RunTables {
    static func csv(plan: ExperimentPlan, finished: [Int: StoredRun]) -> String {
        var csv = CSVWriter(header: plan.axes.map(\.key) + ["seed", "table", "row", "column", "value"])
        for run in plan.runs {
            guard let stored = finished[run.ordinal] else { continue }
            let keys = plan.points[run.point].parameters.map { $0.value.description }
            for table in stored.tables {
                for (r, row) in table.rows.enumerated() {
                    for (c, value) in row.enumerated() {
                        csv.append(
                            keys + [
                                String(run.seed), table.name, String(r), String(c),
                                value.isFinite ? NumberFormatting.string(value) : "",
                            ])
                    }
                }
            }
        }
        return csv.text
    }
}
