import SimCore

/// Checks a claim against the plan before anything runs: its metric is the model's, its
/// keys are sweep keys and its values are among the swept values.
struct ClaimValidator {
    let plan: ExperimentPlan
    /// The sweep the claim is checked against: the plan's axes, or the spec's own before
    /// overrides (to tell a claim that an override broke from one that is wrong).
    var axes: [SweepAxis]
    /// Whether to check that the points the claim needs exist after `where` and overrides.
    var checksPoints: Bool

    init(plan: ExperimentPlan, axes: [SweepAxis]? = nil, checksPoints: Bool = true) {
        self.plan = plan
        self.axes = axes ?? plan.axes
        self.checksPoints = checksPoints
    }

    func validate(_ claim: ClaimSpec) throws {
        let document = plan.spec.document
        let metrics = plan.metricNames
        guard metrics.contains(claim.metric) else {
            throw document.error(
                "\(claim.path).metric",
                ConfigError.unknownName("", kind: "metric", name: claim.metric, known: metrics).problem)
        }
        try checkSelector(claim.at, path: "\(claim.path).at")
        if let alpha = Self.alpha(of: claim.test), plan.seeds.count < 2 {
            throw document.error(
                "\(claim.path).alpha",
                "alpha \(alpha) asks for a paired t-test, which needs at least 2 seeds; the plan has \(plan.seeds.count)"
            )
        }
        switch claim.test {
        case .ordering(let comparison), .best(let comparison):
            let by = try orderingKey(comparison, of: claim)
            try checkSelector([(by, comparison.values)], path: "\(claim.path).\(Self.valuesKey(claim))")
        case .threshold:
            break
        case .ratio(let sides):
            try checkSides(sides, of: claim)
        case .slope(let fit):
            try checkKey(fit.against, path: "\(claim.path).against")
            if let axis = axes.first(where: { $0.key == fit.against }) {
                guard axis.values.allSatisfy({ ($0.numericValue ?? 0) > 0 }) else {
                    throw document.error(
                        "\(claim.path).against",
                        "'\(fit.against)' must have positive numeric values (the fit is against its logarithm)")
                }
            }
        case .capacity(let sides, let capacity):
            try checkSides(sides, of: claim)
            try checkKey(capacity.rate, path: "\(claim.path).rate")
            if let axis = axes.first(where: { $0.key == capacity.rate }) {
                guard axis.values.count >= 2, axis.values.allSatisfy({ $0.numericValue != nil }) else {
                    throw document.error(
                        "\(claim.path).rate", "'\(capacity.rate)' must be swept over at least two numeric rates")
                }
            }
            if (sides.numerator + sides.denominator).contains(where: { $0.key == capacity.rate }) {
                throw document.error(
                    "\(claim.path).rate", "the rate key selects no series: leave it out of numerator and denominator")
            }
        }
        if checksPoints { try checkPoints(of: claim) }
    }

    /// The sweep key an ordering (or best) claim compares over: `by`, or the one axis
    /// holding all the values.
    func orderingKey(_ comparison: ClaimSpec.Comparison, of claim: ClaimSpec) throws -> String {
        if let by = comparison.by {
            try checkKey(by, path: "\(claim.path).by")
            return by
        }
        let candidates = axes.filter { axis in
            comparison.values.allSatisfy { v in axis.values.contains { $0.matches(v) } }
        }
        guard candidates.count == 1, let only = candidates.first else {
            throw plan.spec.document.error(
                "\(claim.path).\(Self.valuesKey(claim))",
                candidates.isEmpty
                    ? "no sweep key has all of the values \(comparison.values.map(\.description).joined(separator: ", "))"
                    : "several sweep keys have these values; say which with 'by'")
        }
        return only.key
    }

    /// The significance level of a claim's paired test, if it has one.
    private static func alpha(of test: ClaimSpec.Test) -> Double? {
        switch test {
        case .ordering(let comparison), .best(let comparison): comparison.alpha
        case .ratio(let sides), .capacity(let sides, _): sides.alpha
        case .threshold, .slope: nil
        }
    }

    /// The spec key holding an ordering's values (`order`) or a best claim's (`value`).
    private static func valuesKey(_ claim: ClaimSpec) -> String { claim.kind == .best ? "value" : "order" }

    private func checkSides(_ sides: ClaimSpec.Sides, of claim: ClaimSpec) throws {
        try checkSelector(sides.numerator, path: "\(claim.path).numerator")
        try checkSelector(sides.denominator, path: "\(claim.path).denominator")
    }

    private func checkKey(_ key: String, path: String) throws {
        let keys = axes.map(\.key)
        guard keys.contains(key) else {
            throw plan.spec.document.error(
                path, ConfigError.unknownName("", kind: "sweep key", name: key, known: keys).problem)
        }
    }

    private func checkSelector(_ selector: ClaimSpec.Selector, path: String) throws {
        for (key, values) in selector {
            try checkKey(key, path: path)
            guard let axis = axes.first(where: { $0.key == key }) else { continue }
            for value in values where !axis.values.contains(where: { $0.matches(value) }) {
                throw plan.spec.document.error(
                    "\(path).\(key)",
                    "'\(value)' is not a swept value of \(key); swept: \(axis.values.map(\.description).joined(separator: ", "))"
                )
            }
        }
    }

    /// The points a claim needs are left by `where` and the overrides, in every group it is
    /// evaluated over (the evaluator would otherwise fail those rows as "not run").
    private func checkPoints(of claim: ClaimSpec) throws {
        let selected = plan.points.filter { ClaimEvaluator.matches($0, claim.at) }
        guard !selected.isEmpty else {
            throw plan.spec.document.error(
                "\(claim.path).at", "no sweep point is left with these values (the where filters remove them)")
        }
        switch claim.test {
        case .ordering(let comparison), .best(let comparison):
            let by = try orderingKey(comparison, of: claim)
            let needed = claim.kind == .best ? Array(comparison.values.prefix(1)) : comparison.values
            for group in ClaimEvaluator.groups(selected, excluding: [by]) {
                let missing = needed.filter { value in
                    !group.points.contains { $0.value(of: by)?.matches(value) == true }
                }
                guard missing.isEmpty else {
                    throw plan.spec.document.error(
                        "\(claim.path).\(Self.valuesKey(claim))",
                        "at \(group.label.isEmpty ? "every point" : String(group.label.dropLast(2))) the where filters leave no "
                            + "\(by)=\(missing.map(\.description).joined(separator: ", ")): the claim would fail there; "
                            + "narrow it with 'at'")
                }
            }
        case .ratio(let sides), .capacity(let sides, _):
            // A capacity series is a curve over the rates: each needs some points, not every rate.
            var excluded = (sides.numerator + sides.denominator).map(\.key)
            if case .capacity(_, let capacity) = claim.test { excluded.append(capacity.rate) }
            for group in ClaimEvaluator.groups(selected, excluding: excluded) {
                for (side, selector) in [("numerator", sides.numerator), ("denominator", sides.denominator)]
                where !group.points.contains(where: { ClaimEvaluator.matches($0, selector) }) {
                    throw plan.spec.document.error(
                        "\(claim.path).\(side)",
                        "at \(group.label.isEmpty ? "every point" : String(group.label.dropLast(2))) the where filters leave "
                            + "no \(side) point: the claim would fail there; narrow it with 'at'")
                }
            }
        case .threshold, .slope:
            break
        }
    }
}
