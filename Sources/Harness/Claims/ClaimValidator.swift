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
        try checkSelector(claim.numerator, path: "\(claim.path).numerator")
        try checkSelector(claim.denominator, path: "\(claim.path).denominator")
        switch claim.kind {
        case .ordering, .best:
            let by = try orderingKey(claim)
            try checkSelector([(by, claim.order)], path: "\(claim.path).\(claim.kind == .best ? "value" : "order")")
        case .slope:
            let against = claim.against ?? ""
            try checkKey(against, path: "\(claim.path).against")
            if let axis = plan.axes.first(where: { $0.key == against }) {
                guard axis.values.allSatisfy({ ($0.numericValue ?? 0) > 0 }) else {
                    throw document.error(
                        "\(claim.path).against",
                        "'\(against)' must have positive numeric values (the fit is against its logarithm)")
                }
            }
        case .capacity:
            let rate = claim.rate ?? ""
            try checkKey(rate, path: "\(claim.path).rate")
            if let axis = plan.axes.first(where: { $0.key == rate }) {
                guard axis.values.count >= 2, axis.values.allSatisfy({ $0.numericValue != nil }) else {
                    throw document.error(
                        "\(claim.path).rate", "'\(rate)' must be swept over at least two numeric rates")
                }
            }
            if (claim.numerator + claim.denominator).contains(where: { $0.key == rate }) {
                throw document.error(
                    "\(claim.path).rate", "the rate key selects no series: leave it out of numerator and denominator")
            }
        case .threshold, .ratio:
            break
        }
    }

    /// The sweep key an ordering (or best) claim compares over: `by`, or the one axis
    /// holding all the values.
    func orderingKey(_ claim: ClaimSpec) throws -> String {
        if let by = claim.by {
            try checkKey(by, path: "\(claim.path).by")
            return by
        }
        let candidates = plan.axes.filter { axis in
            claim.order.allSatisfy { v in axis.values.contains { $0.matches(v) } }
        }
        guard candidates.count == 1, let only = candidates.first else {
            throw plan.spec.document.error(
                "\(claim.path).\(claim.kind == .best ? "value" : "order")",
                candidates.isEmpty
                    ? "no sweep key has all of the values \(claim.order.map(\.description).joined(separator: ", "))"
                    : "several sweep keys have these values; say which with 'by'")
        }
        return only.key
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
