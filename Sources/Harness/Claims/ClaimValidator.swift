import SimCore

/// Checks a claim against the plan before anything runs: its metric is the model's, its
/// keys are sweep keys and its values are among the swept values.
struct ClaimValidator {
    let plan: ExperimentPlan

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
            if let axis = plan.axes.first(where: { $0.key == fit.against }) {
                guard axis.values.allSatisfy({ ($0.numericValue ?? 0) > 0 }) else {
                    throw document.error(
                        "\(claim.path).against",
                        "'\(fit.against)' must have positive numeric values (the fit is against its logarithm)")
                }
            }
        case .capacity(let sides, let capacity):
            try checkSides(sides, of: claim)
            try checkKey(capacity.rate, path: "\(claim.path).rate")
            if let axis = plan.axes.first(where: { $0.key == capacity.rate }) {
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
    }

    /// The sweep key an ordering (or best) claim compares over: `by`, or the one axis
    /// holding all the values.
    func orderingKey(_ comparison: ClaimSpec.Comparison, of claim: ClaimSpec) throws -> String {
        if let by = comparison.by {
            try checkKey(by, path: "\(claim.path).by")
            return by
        }
        let candidates = plan.axes.filter { axis in
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

    /// The spec key holding an ordering's values (`order`) or a best claim's (`value`).
    /// The significance level of a claim's paired test, if it has one.
    private static func alpha(of test: ClaimSpec.Test) -> Double? {
        switch test {
        case .ordering(let comparison), .best(let comparison): comparison.alpha
        case .ratio(let sides), .capacity(let sides, _): sides.alpha
        case .threshold, .slope: nil
        }
    }

    private static func valuesKey(_ claim: ClaimSpec) -> String { claim.kind == .best ? "value" : "order" }

    private func checkSides(_ sides: ClaimSpec.Sides, of claim: ClaimSpec) throws {
        try checkSelector(sides.numerator, path: "\(claim.path).numerator")
        try checkSelector(sides.denominator, path: "\(claim.path).denominator")
    }

    private func checkKey(_ key: String, path: String) throws {
        let keys = plan.axes.map(\.key)
        guard keys.contains(key) else {
            throw plan.spec.document.error(
                path, ConfigError.unknownName("", kind: "sweep key", name: key, known: keys).problem)
        }
    }

    private func checkSelector(_ selector: ClaimSpec.Selector, path: String) throws {
        for (key, values) in selector {
            try checkKey(key, path: path)
            guard let axis = plan.axes.first(where: { $0.key == key }) else { continue }
            for value in values where !axis.values.contains(where: { $0.matches(value) }) {
                throw plan.spec.document.error(
                    "\(path).\(key)",
                    "'\(value)' is not a swept value of \(key); swept: \(axis.values.map(\.description).joined(separator: ", "))"
                )
            }
        }
    }
}
