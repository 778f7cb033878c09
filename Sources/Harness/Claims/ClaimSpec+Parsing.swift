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
        self.kind = kind
        role = try reader.role()
        metric = try reader.requiredString("metric", "missing metric name")
        name = try reader.string("name") ?? "\(kind.rawValue)-\(metric)-\(index + 1)"
        paper = try reader.paper()
        note = try reader.string("note")
        at = try reader.selector("at")
        numerator = try reader.selector("numerator")
        denominator = try reader.selector("denominator")
        min = try reader.number("min")
        max = try reader.number("max")
        by = try reader.string("by")
        if case .list(let items)? = entries["order"] {
            order = items
        } else if kind == .best, let value = entries["value"] {
            order = [value]
        } else {
            order = []
        }
        lowerIsBetter = try reader.bool("lower_is_better") ?? true
        alpha = try reader.number("alpha")
        if let a = alpha, !(a > 0 && a < 1) {
            throw document.error("\(path).alpha", "\(a) is out of range; allowed: (0, 1)")
        }
        against = try reader.string("against")
        scale = try reader.slopeScale()
        level = try reader.number("level") ?? 0.95
        if !(level > 0 && level < 1) {
            throw document.error("\(path).level", "\(level) is out of range; allowed: (0, 1)")
        }
        rate = try reader.string("rate")
        slo = try reader.number("slo")
        expect = try reader.agreement()
        try checkKindFields(document: document)
        try checkVerdictFields(document: document)
    }

    /// The fields each kind needs.
    private func checkKindFields(document: YAMLDocument) throws {
        switch kind {
        case .ordering:
            guard order.count >= 2 else {
                throw document.error("\(path).order", "an ordering needs a list of at least two values")
            }
        case .best:
            guard order.count == 1 else {
                throw document.error("\(path).value", "missing: the sweep value that should be best")
            }
        case .threshold:
            break
        case .slope:
            if against == nil { throw document.error("\(path).against", "missing: the sweep key to fit against") }
        case .ratio, .capacity:
            guard !numerator.isEmpty, !denominator.isEmpty else {
                throw document.error(
                    path, "a \(kind.rawValue) claim needs numerator and denominator maps (sweep key: value)")
            }
            if kind == .capacity {
                if rate == nil {
                    throw document.error("\(path).rate", "missing: the swept rate key (e.g. workload.arrival_rate)")
                }
                guard let slo, slo.isFinite else {
                    throw document.error("\(path).slo", "missing: the metric's service-level objective")
                }
            }
        }
        if let lo = min, let hi = max, lo > hi { throw document.error(path, "min \(lo) is above max \(hi)") }
    }

    /// Which of `min`/`max`, the paper's range, `alpha` and `expect` judge the claim.
    private func checkVerdictFields(document: YAMLDocument) throws {
        let bounded = [Kind.threshold, .ratio, .slope, .capacity].contains(kind)
        if let paper, paper.hasRange {
            guard bounded else {
                throw document.error(
                    "\(path).paper", "an \(kind.rawValue) claim has no number to compare: drop low/high")
            }
            guard role != .sanity else {
                throw document.error(
                    "\(path).paper", "a sanity claim is judged by min/max, not by the paper's low/high")
            }
            if min != nil || max != nil {
                throw document.error(path, "min/max would be ignored: the paper's low/high judge this claim")
            }
            if alpha != nil {
                throw document.error(
                    "\(path).alpha", "the paper's range already judges the ratio's interval; drop alpha")
            }
        } else if bounded, min == nil, max == nil {
            throw document.error(path, "give min, max or both (or the paper's low/high)")
        }
        if kind == .ratio || kind == .capacity, alpha != nil, ratioDirection == nil {
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
