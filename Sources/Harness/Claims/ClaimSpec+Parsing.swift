import OrderedCollections
import SimCore

extension ClaimSpec {
    /// Parses and checks one entry of the spec's `claims` list (structure only; the plan
    /// checks metric and sweep keys in `ClaimValidator`).
    init(_ value: ConfigValue, index: Int, document: YAMLDocument) throws {
        let path = "claims[\(index)]"
        guard case .map(let entries) = value else {
            throw document.error(path, "expected a map with kind, role and metric")
        }
        let reader = ClaimEntryReader(entries: entries, path: path, document: document)
        let kind = try reader.kind()
        let allowed = Self.commonKeys + (Self.keysByKind[kind] ?? [])
        for key in entries.keys where !allowed.contains(key) {
            throw document.error(
                "\(path).\(key)",
                ConfigError.unknownName("", kind: "key for a \(kind.rawValue) claim", name: key, known: allowed).problem
            )
        }
        self.index = index
        role = try reader.role()
        metric = try reader.requiredString("metric", "missing metric name")
        name = try reader.string("name") ?? "\(kind.rawValue)-\(metric)-\(index + 1)"
        paper = try reader.paper()
        note = try reader.string("note")
        at = try reader.selector("at")
        expect = try reader.agreement()
        test = try reader.test(kind)
        try checkVerdictFields(document: document)
    }

    /// Which of `min`/`max`, the paper's range, `alpha` and `expect` judge the claim.
    private func checkVerdictFields(document: YAMLDocument) throws {
        let alpha: Double?
        switch test {
        case .ratio(let sides), .capacity(let sides, _): alpha = sides.alpha
        default: alpha = nil
        }
        if let paper, paper.hasRange {
            guard let bounds else {
                throw document.error(
                    "\(path).paper", "an \(kind.rawValue) claim has no number to compare: drop low/high")
            }
            guard role != .sanity else {
                throw document.error(
                    "\(path).paper", "a sanity claim is judged by min/max, not by the paper's low/high")
            }
            if !bounds.isEmpty {
                throw document.error(path, "min/max would be ignored: the paper's low/high judge this claim")
            }
            if alpha != nil {
                throw document.error(
                    "\(path).alpha", "the paper's range already judges the ratio's interval; drop alpha")
            }
        } else if let bounds, bounds.isEmpty {
            throw document.error(path, "give min, max or both (or the paper's low/high)")
        }
        if alpha != nil, bounds?.direction == nil {
            throw document.error("\(path).alpha", "a paired test needs a direction: min >= 1 or max <= 1")
        }
        if let expect {
            guard role == .reproduces else {
                throw document.error("\(path).expect", "only a reproduces claim has an expected agreement")
            }
            if expect == .number, !judgedByPaperRange {
                throw document.error("\(path).expect", "'number' needs the paper's low or high")
            }
            if expect == .direction, judgedByPaperRange {
                throw document.error("\(path).expect", "the paper gives a number here: expect 'number' or 'disagrees'")
            }
            if expect == .disagrees, note == nil {
                throw document.error("\(path).note", "missing: say why memsim disagrees with the paper")
            }
        }
    }
}

/// Typed, located reads of one claim's entries.
private struct ClaimEntryReader {
    let entries: OrderedDictionary<String, ConfigValue>
    let path: String
    let document: YAMLDocument

    /// The kind's own fields, each kind checking what it needs.
    func test(_ kind: ClaimSpec.Kind) throws -> ClaimSpec.Test {
        switch kind {
        case .ordering, .best:
            let values: [ConfigValue]
            if kind == .ordering {
                guard case .list(let items)? = entries["order"], items.count >= 2 else {
                    throw document.error("\(path).order", "an ordering needs a list of at least two values")
                }
                values = items
            } else {
                guard let value = entries["value"] else {
                    throw document.error("\(path).value", "missing: the sweep value that should be best")
                }
                values = [value]
            }
            let comparison = ClaimSpec.Comparison(
                by: try string("by"), values: values, lowerIsBetter: try bool("lower_is_better") ?? true,
                alpha: try alpha())
            return kind == .ordering ? .ordering(comparison) : .best(comparison)
        case .threshold:
            return .threshold(try bounds())
        case .slope:
            guard let against = try string("against") else {
                throw document.error("\(path).against", "missing: the sweep key to fit against")
            }
            let level = try number("level") ?? 0.95
            guard level > 0, level < 1 else {
                throw document.error("\(path).level", "\(level) is out of range; allowed: (0, 1)")
            }
            return .slope(ClaimSpec.Fit(against: against, scale: try slopeScale(), level: level, bounds: try bounds()))
        case .ratio, .capacity:
            let sides = ClaimSpec.Sides(
                numerator: try selector("numerator"), denominator: try selector("denominator"), bounds: try bounds(),
                alpha: try alpha())
            guard !sides.numerator.isEmpty, !sides.denominator.isEmpty else {
                throw document.error(
                    path, "a \(kind.rawValue) claim needs numerator and denominator maps (sweep key: value)")
            }
            guard kind == .capacity else { return .ratio(sides) }
            guard let rate = try string("rate") else {
                throw document.error("\(path).rate", "missing: the swept rate key (e.g. workload.arrival_rate)")
            }
            guard let slo = try number("slo") else {
                throw document.error("\(path).slo", "missing: the metric's service-level objective")
            }
            return .capacity(sides, ClaimSpec.CapacityDefinition(rate: rate, slo: slo))
        }
    }

    func bounds() throws -> ClaimSpec.Bounds {
        let bounds = ClaimSpec.Bounds(min: try number("min"), max: try number("max"))
        if let lo = bounds.min, let hi = bounds.max, lo > hi {
            throw document.error(path, "min \(lo) is above max \(hi)")
        }
        return bounds
    }

    func alpha() throws -> Double? {
        guard let alpha = try number("alpha") else { return nil }
        guard alpha > 0, alpha < 1 else {
            throw document.error("\(path).alpha", "\(alpha) is out of range; allowed: (0, 1)")
        }
        return alpha
    }

    func kind() throws -> ClaimSpec.Kind {
        let known = ClaimSpec.Kind.allCases.map(\.rawValue)
        guard case .string(let name)? = entries["kind"] else {
            throw document.error("\(path).kind", "missing claim kind; valid: " + known.joined(separator: ", "))
        }
        guard let kind = ClaimSpec.Kind(rawValue: name) else {
            throw document.error(
                "\(path).kind", ConfigError.unknownName("", kind: "claim kind", name: name, known: known).problem)
        }
        return kind
    }

    func role() throws -> ClaimRole {
        let known = ClaimRole.allCases.map(\.rawValue)
        guard case .string(let name)? = entries["role"] else {
            throw document.error("\(path).role", "missing claim role; valid: " + known.joined(separator: ", "))
        }
        guard let role = ClaimRole(rawValue: name) else {
            throw document.error(
                "\(path).role", ConfigError.unknownName("", kind: "claim role", name: name, known: known).problem)
        }
        return role
    }

    func agreement() throws -> Agreement? {
        guard let value = entries["expect"] else { return nil }
        let known = Agreement.allCases.map(\.rawValue)
        guard case .string(let name) = value, let agreement = Agreement(rawValue: name) else {
            throw document.error(
                "\(path).expect", "expected one of " + known.joined(separator: ", ") + ", found '\(value)'")
        }
        return agreement
    }

    func string(_ key: String) throws -> String? {
        guard let value = entries[key] else { return nil }
        guard case .string(let s) = value, !s.isEmpty else {
            throw document.error("\(path).\(key)", "expected a non-empty string")
        }
        return s
    }

    func requiredString(_ key: String, _ missing: String) throws -> String {
        guard let s = try string(key) else { throw document.error("\(path).\(key)", missing) }
        return s
    }

    func number(_ key: String, in map: OrderedDictionary<String, ConfigValue>? = nil, at keyPath: String? = nil) throws
        -> Double?
    {
        guard let v = (map ?? entries)[key] else { return nil }
        guard let d = v.numericValue, d.isFinite else {
            throw document.error("\(keyPath ?? path).\(key)", "expected a number, found '\(v)'")
        }
        return d
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = entries[key] else { return nil }
        guard case .bool(let b) = value else { throw document.error("\(path).\(key)", "expected true or false") }
        return b
    }

    func selector(_ key: String) throws -> ClaimSpec.Selector {
        guard let v = entries[key] else { return [] }
        guard case .map(let m) = v else { throw document.error("\(path).\(key)", "expected a map of sweep key: value") }
        return m.map { k, v in
            if case .list(let items) = v { return (k, items) }
            return (k, [v])
        }
    }

    func slopeScale() throws -> ClaimSpec.SlopeScale {
        guard let given = entries["scale"] else { return .logLog }
        guard case .string(let name) = given, let parsed = ClaimSpec.SlopeScale(rawValue: name) else {
            throw document.error(
                "\(path).scale",
                "expected one of " + ClaimSpec.SlopeScale.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    /// `paper: {text, low, high, tolerance}`.
    func paper() throws -> PaperFigure? {
        guard let given = entries["paper"] else { return nil }
        let paperPath = "\(path).paper"
        guard case .map(let m) = given else {
            throw document.error(
                paperPath, "expected a map: text (the paper's sentence and where it stands), low, high, tolerance")
        }
        let allowed = ["text", "low", "high", "tolerance"]
        for key in m.keys where !allowed.contains(key) {
            throw document.error(
                "\(paperPath).\(key)",
                ConfigError.unknownName("", kind: "key of paper", name: key, known: allowed).problem)
        }
        guard case .string(let text)? = m["text"], !text.isEmpty else {
            throw document.error("\(paperPath).text", "missing: the paper's sentence and where it stands")
        }
        let low = try number("low", in: m, at: paperPath)
        let high = try number("high", in: m, at: paperPath)
        let tolerance = try number("tolerance", in: m, at: paperPath) ?? 0
        if let low, let high, low > high { throw document.error(paperPath, "low \(low) is above high \(high)") }
        guard (0...10).contains(tolerance) else {
            throw document.error(
                "\(paperPath).tolerance", "\(tolerance) is out of range; allowed: 0...10 (a relative widening)")
        }
        if tolerance > 0, low == nil, high == nil {
            throw document.error("\(paperPath).tolerance", "a tolerance widens low/high; give them")
        }
        return PaperFigure(text: text, low: low, high: high, tolerance: tolerance)
    }
}
