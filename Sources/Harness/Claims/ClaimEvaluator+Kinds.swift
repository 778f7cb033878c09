import SimCore
import Statistics

extension ClaimEvaluator {
    /// One measurement per group of the other sweep keys: the order of the means, each
    /// adjacent step checked by `pairedCheck`.
    func ordering(_ claim: ClaimSpec, _ comparison: ClaimSpec.Comparison, metric m: Int) throws -> [Measurement] {
        let by = try ClaimValidator(plan: plan).orderingKey(comparison, of: claim)
        var rows: [Measurement] = []
        for group in Self.groups(selected(claim.at), excluding: [by]) {
            var entries: [(label: String, point: SweepPoint)] = []
            var missing: [String] = []
            for value in comparison.values {
                if let point = group.points.first(where: { $0.value(of: by)?.matches(value) == true }) {
                    entries.append(("\(value)", point))
                } else {
                    missing.append("\(value)")
                }
            }
            guard missing.isEmpty else {
                rows.append(
                    Measurement(
                        point: Self.point(group.label),
                        text: "\(group.label)\(missing.joined(separator: ", ")) not run", passed: false,
                        comparable: false))
                continue
            }
            var text = group.label
            var passed = true
            for (k, entry) in entries.enumerated() {
                let mean = summary.cells[entry.point.index][m].mean
                if k > 0 {
                    let previous = entries[k - 1].point
                    let previousMean = summary.cells[previous.index][m].mean
                    let inOrder = comparison.lowerIsBetter ? previousMean < mean : previousMean > mean
                    var relation = inOrder ? (comparison.lowerIsBetter ? "<" : ">") : "!!"
                    let pair = pairedValues(previous, entry.point, metric: m)
                    if let check = try pairedCheck(
                        pair.a, pair.b, direction: comparison.lowerIsBetter ? -1 : 1, alpha: comparison.alpha)
                    {
                        relation += "(\(check.text))"
                        if !check.passed { passed = false }
                    }
                    if !inOrder { passed = false }
                    text += " \(relation) "
                }
                text += "\(entry.label)=\(Self.format(mean))"
            }
            rows.append(Measurement(point: Self.point(group.label), text: text, passed: passed))
        }
        return rows
    }

    /// One measurement per group: the chosen value against its closest rival.
    func best(_ claim: ClaimSpec, _ comparison: ClaimSpec.Comparison, metric m: Int) throws -> [Measurement] {
        let by = try ClaimValidator(plan: plan).orderingKey(comparison, of: claim)
        guard let value = comparison.values.first else { throw HarnessError("\(claim.path): missing value") }
        var rows: [Measurement] = []
        func better(_ a: Double, _ b: Double) -> Bool { comparison.lowerIsBetter ? a < b : a > b }
        for group in Self.groups(selected(claim.at), excluding: [by]) {
            guard let winner = group.points.first(where: { $0.value(of: by)?.matches(value) == true }) else {
                rows.append(
                    Measurement(
                        point: Self.point(group.label), text: "\(group.label)\(value) not run", passed: false,
                        comparable: false))
                continue
            }
            let rivals = group.points.filter { $0.index != winner.index }
            guard
                let closest = rivals.min(by: {
                    better(summary.cells[$0.index][m].mean, summary.cells[$1.index][m].mean)
                })
            else {
                rows.append(
                    Measurement(
                        point: Self.point(group.label), text: "\(group.label)no other \(by) to compare", passed: false,
                        comparable: false))
                continue
            }
            let mean = summary.cells[winner.index][m].mean
            let closestMean = summary.cells[closest.index][m].mean
            var passed = rivals.allSatisfy { better(mean, summary.cells[$0.index][m].mean) }
            var relation = passed ? (comparison.lowerIsBetter ? "<" : ">") : "!!"
            let pair = pairedValues(winner, closest, metric: m)
            if let check = try pairedCheck(
                pair.a, pair.b, direction: comparison.lowerIsBetter ? -1 : 1, alpha: comparison.alpha)
            {
                relation += "(\(check.text))"
                if !check.passed { passed = false }
            }
            let rival = closest.value(of: by).map(\.description) ?? "?"
            rows.append(
                Measurement(
                    point: Self.point(group.label),
                    text:
                        "\(group.label)\(value)=\(Self.format(mean)) \(relation) \(rival)=\(Self.format(closestMean))",
                    passed: passed))
        }
        return rows
    }

    /// One measurement per selected point: its mean and t-interval.
    func threshold(_ claim: ClaimSpec, _ bounds: ClaimSpec.Bounds, metric m: Int) -> [Measurement] {
        selected(claim.at).map { point in
            let cell = summary.cells[point.index][m]
            return Measurement(
                point: point.label, text: "\(point.label): \(Self.format(cell.mean))",
                passed: bounds.contains(cell.mean),
                value: cell.mean,
                interval: cell.ci95.map { ($0.low, $0.high) }, comparable: cell.mean.isFinite)
        }
    }

    /// One measurement per group: the ratio of means with its paired delta-method interval.
    func ratio(_ claim: ClaimSpec, _ sides: ClaimSpec.Sides, metric m: Int) throws -> [Measurement] {
        let roleKeys = (sides.numerator + sides.denominator).map(\.key)
        var rows: [Measurement] = []
        for group in Self.groups(selected(claim.at), excluding: roleKeys) {
            let numerators = group.points.filter { Self.matches($0, sides.numerator) }
            let denominators = group.points.filter { Self.matches($0, sides.denominator) }
            guard numerators.count == 1, denominators.count == 1, let n = numerators.first, let d = denominators.first
            else {
                rows.append(
                    Measurement(
                        point: Self.point(group.label),
                        text: "\(group.label)numerator or denominator not run (or not unique)",
                        passed: false, comparable: false))
                continue
            }
            let value = summary.cells[n.index][m].mean / summary.cells[d.index][m].mean
            let pair = pairedValues(n, d, metric: m)
            var text = "\(group.label)\(Self.format(value))"
            var passed = claim.judgedByPaperRange || sides.bounds.contains(value)
            if let check = try closeSidesCheck(claim, sides, pair.a, pair.b) {
                text += " (\(check.text))"
                if !check.passed { passed = false }
            }
            rows.append(
                Measurement(
                    point: Self.point(group.label), text: text, passed: passed, value: value,
                    interval: ratioInterval(pair.a, pair.b),
                    comparable: value.isFinite))
        }
        return rows
    }

    /// One measurement per group: the fitted slope and its `level` interval.
    func slope(_ claim: ClaimSpec, _ fit: ClaimSpec.Fit, metric m: Int) throws -> [Measurement] {
        let against = fit.against
        var rows: [Measurement] = []
        for group in Self.groups(selected(claim.at), excluding: [against]) {
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
                let line = try fit.scale == .logLog ? LinearFit.logLog(x: xs, y: ys) : LinearFit.semiLog(x: xs, y: ys)
                let interval = try line.slopeInterval(level: fit.level)
                let percent = NumberFormatting.string(fit.level * 100)
                rows.append(
                    Measurement(
                        point: Self.point(group.label),
                        text:
                            "\(group.label)slope \(Self.format(line.slope)) (\(percent)% CI [\(Self.format(interval.low)), "
                            + "\(Self.format(interval.high))], n=\(line.n))",
                        passed: claim.judgedByPaperRange || fit.bounds.contains(line.slope), value: line.slope,
                        interval: (interval.low, interval.high)))
            } catch let error as StatisticsError {
                rows.append(
                    Measurement(
                        point: Self.point(group.label), text: "\(group.label)no fit: \(error)", passed: false,
                        comparable: false))
            }
        }
        return rows
    }

    /// One measurement per group: the ratio of the two series' mean capacities over the
    /// seeds both ran, with its paired delta-method interval.
    func capacity(
        _ claim: ClaimSpec, _ sides: ClaimSpec.Sides, _ capacity: ClaimSpec.CapacityDefinition, metric m: Int
    ) throws -> [Measurement] {
        let rateKey = capacity.rate
        let slo = capacity.slo
        let roleKeys = (sides.numerator + sides.denominator).map(\.key) + [rateKey]
        var rows: [Measurement] = []
        for group in Self.groups(selected(claim.at), excluding: roleKeys) {
            let top = CapacitySeries(
                points: group.points.filter { Self.matches($0, sides.numerator) }, rateKey: rateKey, slo: slo,
                metric: m,
                summary: summary)
            let bottom = CapacitySeries(
                points: group.points.filter { Self.matches($0, sides.denominator) }, rateKey: rateKey, slo: slo,
                metric: m,
                summary: summary)
            guard !top.duplicateRates, !bottom.duplicateRates else {
                rows.append(
                    Measurement(
                        point: Self.point(group.label),
                        text: "\(group.label)several sweep points per rate in one series: select one with at",
                        passed: false,
                        comparable: false))
                continue
            }
            let seeds = top.seeds.filter { bottom.seeds.contains($0) }
            let a = seeds.compactMap { s in top.seeds.firstIndex(of: s).map { top.rates[$0] } }
            let b = seeds.compactMap { s in bottom.seeds.firstIndex(of: s).map { bottom.rates[$0] } }
            guard !a.isEmpty, b.reduce(0, +) != 0 else {
                rows.append(
                    Measurement(
                        point: Self.point(group.label), text: "\(group.label)no common seeds or zero capacity",
                        passed: false,
                        comparable: false))
                continue
            }
            let meanA = a.reduce(0, +) / Double(a.count)
            let meanB = b.reduce(0, +) / Double(b.count)
            let value = meanA / meanB
            var text = "\(group.label)\(Self.format(meanA)) / \(Self.format(meanB)) = \(Self.format(value))"
            let censored = [(top, "numerator"), (bottom, "denominator")].compactMap { series, side -> String? in
                let (below, above) = series.censoredCount
                if below > 0 { return "\(side) over the SLO at the lowest rate in \(below) seeds" }
                if above > 0 { return "\(side) within the SLO at the highest rate in \(above) seeds" }
                return nil
            }
            var passed = censored.isEmpty && (claim.judgedByPaperRange || sides.bounds.contains(value))
            if !censored.isEmpty { text += " (censored: " + censored.joined(separator: "; ") + ")" }
            if let check = try closeSidesCheck(claim, sides, a, b) {
                text += " (\(check.text))"
                if !check.passed { passed = false }
            }
            rows.append(
                Measurement(
                    point: Self.point(group.label), text: text, passed: passed, value: value,
                    interval: ratioInterval(a, b),
                    comparable: censored.isEmpty))
        }
        return rows
    }

    /// The close-sides rule for a ratio or capacity row over paired per-seed values: with the
    /// paper's range, at least 10 seeds when the sides are within 10%; with a directional
    /// `min`/`max`, the paired test (`pairedCheck`). Nil when nothing applies.
    private func closeSidesCheck(_ claim: ClaimSpec, _ sides: ClaimSpec.Sides, _ a: [Double], _ b: [Double]) throws
        -> (text: String, passed: Bool)?
    {
        if claim.judgedByPaperRange { return seedCountCheck(a, b) }
        guard let direction = sides.bounds.direction else { return nil }
        return try pairedCheck(a, b, direction: direction, alpha: sides.alpha)
    }

    /// The delta-method interval of mean(a) / mean(b) over paired seeds, nil when undefined.
    private func ratioInterval(_ a: [Double], _ b: [Double]) -> (low: Double, high: Double)? {
        guard let interval = try? RatioOfMeans.interval(a, b) else { return nil }
        return (interval.low, interval.high)
    }
}
