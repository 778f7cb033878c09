import SimCore

/// A claim declared in a spec, checked against the summary after the sweep.
///
/// Kinds:
/// - `ordering`: the means of `metric` over the values `order` of sweep key `by` are in
///   that order (best first; `lower_is_better`, default true), at every combination of
///   the other sweep keys selected by `at`. With `alpha`, each adjacent pair must also
///   differ by a paired t-test on the common seeds at that level.
/// - `best`: the mean of `metric` at value `value` of sweep key `by` (inferred when one
///   key holds the value) is strictly better than at every other value of that key, at
///   every combination of the other sweep keys selected by `at` (`lower_is_better`,
///   default true).
/// - `threshold`: the mean of `metric` lies in `[min, max]` at every selected point.
/// - `ratio`: mean(`metric` at `numerator`) / mean(`metric` at `denominator`) lies in
///   `[min, max]` at every combination of the remaining keys selected by `at`.
/// - `slope`: the least-squares slope of log(metric) against log(`against`) (`scale:
///   log-log`, the default; a power law's exponent), or of the metric itself against
///   log(`against`) (`scale: semi-log`; the growth per e-fold, constant for logarithmic
///   growth), fitted over every run of the selected points, lies in `[min, max]`; its
///   `level` interval (default 0.95) is reported beside it.
public struct ClaimSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ordering, best, threshold, ratio, slope
    }

    /// A selection of sweep values: key -> allowed values.
    public typealias Selector = [(key: String, values: [ConfigValue])]

    public let index: Int
    public let name: String
    public let kind: Kind
    public let metric: String
    /// What the reproduced paper reports for this claim, with its source (for reproductions).
    public let paper: String?
    public let at: Selector
    // ordering, best
    public let by: String?
    /// The ordered values (`ordering`), or the one value that should be best (`best`).
    public let order: [ConfigValue]
    public let lowerIsBetter: Bool
    public let alpha: Double?
    // threshold, ratio, slope
    public let min: Double?
    public let max: Double?
    // ratio
    public let numerator: Selector
    public let denominator: Selector
    // slope
    public let against: String?
    public let scale: SlopeScale
    public let level: Double

    /// The axes of a `slope` claim's fit.
    public enum SlopeScale: String, Sendable, CaseIterable {
        case logLog = "log-log"
        case semiLog = "semi-log"
    }

    /// Key path of this claim in the spec (`claims[2]`).
    public var path: String { "claims[\(index)]" }

    static let keysByKind: [Kind: [String]] = [
        .ordering: ["by", "order", "lower_is_better", "alpha"],
        .best: ["by", "value", "lower_is_better"],
        .threshold: ["min", "max"],
        .ratio: ["numerator", "denominator", "min", "max"],
        .slope: ["against", "scale", "min", "max", "level"],
    ]

    init(_ value: ConfigValue, index: Int, document: YAMLDocument) throws {
        self.index = index
        let path = "claims[\(index)]"
        guard case .map(let entries) = value else { throw document.error(path, "expected a map with kind and metric") }
        guard case .string(let kindName)? = entries["kind"] else {
            throw document.error("\(path).kind", "missing claim kind; valid: " + Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let kind = Kind(rawValue: kindName) else {
            throw document.error(
                "\(path).kind",
                ConfigError.unknownName("", kind: "claim kind", name: kindName, known: Kind.allCases.map(\.rawValue)).problem)
        }
        self.kind = kind
        let allowed = ["kind", "metric", "name", "at", "paper"] + (Self.keysByKind[kind] ?? [])
        for key in entries.keys where !allowed.contains(key) {
            throw document.error(
                "\(path).\(key)", ConfigError.unknownName("", kind: "key for a \(kind.rawValue) claim", name: key, known: allowed).problem)
        }
        guard case .string(let metric)? = entries["metric"] else { throw document.error("\(path).metric", "missing metric name") }
        self.metric = metric
        if let given = entries["paper"] {
            guard case .string(let s) = given else { throw document.error("\(path).paper", "expected a string: the paper's own figure and its source") }
            paper = s
        } else {
            paper = nil
        }
        if let given = entries["name"] {
            guard case .string(let s) = given else { throw document.error("\(path).name", "expected a string") }
            name = s
        } else {
            name = "\(kind.rawValue)-\(metric)-\(index + 1)"
        }

        func number(_ key: String) throws -> Double? {
            guard let v = entries[key] else { return nil }
            guard let d = v.numericValue, d.isFinite else { throw document.error("\(path).\(key)", "expected a number, found '\(v)'") }
            return d
        }
        func selector(_ key: String) throws -> Selector {
            guard let v = entries[key] else { return [] }
            guard case .map(let m) = v else { throw document.error("\(path).\(key)", "expected a map of sweep key: value") }
            return m.map { k, v in
                if case .list(let items) = v { return (k, items) }
                return (k, [v])
            }
        }
        at = try selector("at")
        numerator = try selector("numerator")
        denominator = try selector("denominator")
        min = try number("min")
        max = try number("max")
        if let by = entries["by"] {
            guard case .string(let s) = by else { throw document.error("\(path).by", "expected a sweep key") }
            self.by = s
        } else {
            self.by = nil
        }
        if case .list(let items)? = entries["order"] {
            order = items
        } else if kind == .best, let value = entries["value"] {
            order = [value]
        } else {
            order = []
        }
        if let lib = entries["lower_is_better"] {
            guard case .bool(let b) = lib else { throw document.error("\(path).lower_is_better", "expected true or false") }
            lowerIsBetter = b
        } else {
            lowerIsBetter = true
        }
        alpha = try number("alpha")
        if let a = alpha, !(a > 0 && a < 1) { throw document.error("\(path).alpha", "\(a) is out of range; allowed: (0, 1)") }
        if case .string(let s)? = entries["against"] { against = s } else { against = nil }
        if let given = entries["scale"] {
            guard case .string(let name) = given, let parsed = SlopeScale(rawValue: name) else {
                throw document.error("\(path).scale", "expected one of " + SlopeScale.allCases.map(\.rawValue).joined(separator: ", "))
            }
            scale = parsed
        } else {
            scale = .logLog
        }
        level = try number("level") ?? 0.95
        if !(level > 0 && level < 1) { throw document.error("\(path).level", "\(level) is out of range; allowed: (0, 1)") }

        switch kind {
        case .ordering:
            guard order.count >= 2 else { throw document.error("\(path).order", "an ordering needs a list of at least two values") }
        case .best:
            guard order.count == 1 else { throw document.error("\(path).value", "missing: the sweep value that should be best") }
        case .threshold, .slope:
            guard min != nil || max != nil else { throw document.error(path, "give min, max or both") }
            if kind == .slope, against == nil { throw document.error("\(path).against", "missing: the sweep key to fit against") }
        case .ratio:
            guard !numerator.isEmpty, !denominator.isEmpty else {
                throw document.error(path, "a ratio needs numerator and denominator maps (sweep key: value)")
            }
            guard min != nil || max != nil else { throw document.error(path, "give min, max or both") }
        }
        if let lo = min, let hi = max, lo > hi { throw document.error(path, "min \(lo) is above max \(hi)") }
    }

    /// The expected range as text: `[0.5, 1]`, `>= 0.5`, `<= 1`.
    var expectedRange: String {
        switch (min, max) {
        case let (lo?, hi?): return "[\(NumberFormatting.string(lo)), \(NumberFormatting.string(hi))]"
        case let (lo?, nil): return ">= \(NumberFormatting.string(lo))"
        case let (nil, hi?): return "<= \(NumberFormatting.string(hi))"
        case (nil, nil): return ""
        }
    }

    func inRange(_ x: Double) -> Bool {
        x.isFinite && (min.map { x >= $0 } ?? true) && (max.map { x <= $0 } ?? true)
    }
}
