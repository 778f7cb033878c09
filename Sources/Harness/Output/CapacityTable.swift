import SimCore
import Statistics

/// `capacity.csv`: the capacity (`CapacityEstimate`) of every series that a `capacity` claim
/// measures, over the seeds.
///
/// One row per capacity definition (metric, SLO, rate key; each distinct one among the
/// spec's capacity claims, in claim order) and series (the points that share every sweep
/// value but the rate): the sweep keys other than the rate, then `metric, slo, rate_key,
/// n, mean, sd, ci95_low, ci95_high, censored_below, censored_above`. The interval is the
/// Student-t interval of the mean over seeds (GSL); censored counts say in how many seeds
/// the curve never crossed the SLO in the swept range (see `CapacityEstimate`).
public struct CapacityTable {
    struct Row {
        let parameters: [(key: String, value: ConfigValue)]
        let definition: Definition
        let series: CapacitySeries
        let mean: Double
        let sd: Double?
        let interval: ConfidenceInterval?
    }

    struct Definition: Equatable {
        let metric: String
        let slo: Double
        let rateKey: String
    }

    let keys: [String]
    let rows: [Row]

    public var isEmpty: Bool { rows.isEmpty }

    public init(summary: SummaryTable) throws {
        let plan = summary.plan
        var definitions: [Definition] = []
        for claim in plan.spec.claims {
            guard case .capacity(_, let capacity) = claim.test else { continue }
            let definition = Definition(metric: claim.metric, slo: capacity.slo, rateKey: capacity.rate)
            if !definitions.contains(definition) { definitions.append(definition) }
        }
        var rows: [Row] = []
        var keys: [String] = []
        for definition in definitions {
            guard let m = summary.metricIndex(definition.metric) else { continue }
            let others = plan.axes.map(\.key).filter { $0 != definition.rateKey }
            for key in others where !keys.contains(key) { keys.append(key) }
            for group in ClaimEvaluator.groups(plan.points, excluding: [definition.rateKey]) {
                let series = CapacitySeries(
                    points: group.points, rateKey: definition.rateKey, slo: definition.slo, metric: m, summary: summary)
                let rates = series.rates
                guard !rates.isEmpty else { continue }
                let summaryOfRates = try Summary(of: rates)
                let interval = rates.count >= 2 ? try StudentT.meanInterval(of: rates) : nil
                rows.append(
                    Row(
                        parameters: group.points[0].parameters.filter { $0.key != definition.rateKey },
                        definition: definition,
                        series: series, mean: summaryOfRates.mean, sd: rates.count >= 2 ? summaryOfRates.sd : nil,
                        interval: interval))
            }
        }
        self.keys = keys
        self.rows = rows
    }

    public func csv() -> String {
        var csv = CSVWriter(
            header: keys + [
                "metric", "slo", "rate_key", "n", "mean", "sd", "ci95_low", "ci95_high", "censored_below",
                "censored_above",
            ])
        for row in rows {
            let values = keys.map { key in row.parameters.first { $0.key == key }?.value.description ?? "" }
            let censored = row.series.censoredCount
            csv.append(
                values + [
                    row.definition.metric, NumberFormatting.string(row.definition.slo), row.definition.rateKey,
                    String(row.series.rates.count), NumberFormatting.string(row.mean),
                    row.sd.map(NumberFormatting.string) ?? "",
                    row.interval.map { NumberFormatting.string($0.low) } ?? "",
                    row.interval.map { NumberFormatting.string($0.high) } ?? "", String(censored.below),
                    String(censored.above),
                ])
        }
        return csv.text
    }
}
