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
///   default true); with `alpha`, better than the closest rival by a paired t-test.
/// - `threshold`: the mean of `metric` lies in `[min, max]` at every selected point.
/// - `ratio`: mean(`metric` at `numerator`) / mean(`metric` at `denominator`) lies in
///   `[min, max]` at every combination of the remaining keys selected by `at`; its
///   interval is the delta-method interval over paired seeds (`RatioOfMeans`).
/// - `slope`: the least-squares slope of log(metric) against log(`against`) (`scale:
///   log-log`, the default; a power law's exponent), or of the metric itself against
///   log(`against`) (`scale: semi-log`; the growth per e-fold, constant for logarithmic
///   growth), fitted over every run of the selected points, lies in `[min, max]`; its
///   `level` interval (default 0.95) is reported beside it.
/// - `capacity`: the ratio of two series' capacities (`numerator` / `denominator`), where a
///   series' capacity is the highest value of the swept `rate` at which `metric` stays
///   within `slo` (`CapacityEstimate`); with `alpha`, a paired t-test on the per-seed
///   capacities confirms a directional `min`/`max`.
///
/// Every claim has a `role` (`ClaimRole`); a `paper` figure with `low`/`high` judges a
/// `reproduces` or `counter` claim instead of `min`/`max` (`PaperFigure`). Rows whose
/// two sides differ by less than 10% must rest on at least
/// ``ClaimSpec/pairedTestMinimumSeeds`` seeds, and those judged by a direction rather than
/// the paper's range on a paired test (`alpha`) too (see `ClaimEvaluator`).
public struct ClaimSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ordering, best, threshold, ratio, slope, capacity
    }

    /// A selection of sweep values: key -> allowed values.
    public typealias Selector = [(key: String, values: [ConfigValue])]

    /// Fewest common seeds a paired test needs when the two sides differ by less than
    /// ``closeRelativeDifference``.
    public static let pairedTestMinimumSeeds = 10
    /// Relative difference below which an ordering or ratio needs a paired test.
    public static let closeRelativeDifference = 0.1

    public let index: Int
    public let name: String
    public let kind: Kind
    public let role: ClaimRole
    public let metric: String
    /// What the reproduced paper reports for this claim, with its source and figure.
    public let paper: PaperFigure?
    /// The agreement this claim is known to reach (`reproduces` claims only).
    public let expect: Agreement?
    /// Why the claim is what it is (required with `expect: disagrees`); shown in the report.
    public let note: String?
    public let at: Selector
    // ordering, best
    public let by: String?
    /// The ordered values (`ordering`), or the one value that should be best (`best`).
    public let order: [ConfigValue]
    public let lowerIsBetter: Bool
    public let alpha: Double?
    // threshold, ratio, slope, capacity
    public let min: Double?
    public let max: Double?
    // ratio, capacity
    public let numerator: Selector
    public let denominator: Selector
    // slope
    public let against: String?
    public let scale: SlopeScale
    public let level: Double
    // capacity
    public let rate: String?
    public let slo: Double?

    /// The axes of a `slope` claim's fit.
    public enum SlopeScale: String, Sendable, CaseIterable {
        case logLog = "log-log"
        case semiLog = "semi-log"
    }

    /// Key path of this claim in the spec (`claims[2]`).
    public var path: String { "claims[\(index)]" }

    /// Whether the paper's range, not `min`/`max`, judges this claim.
    public var judgedByPaperRange: Bool { role != .sanity && paper?.hasRange == true }

    /// The agreement a `reproduces` claim must reach: `expect`, or by default `number`
    /// with a paper range and `direction` without. Nil for other roles.
    public var expectedAgreement: Agreement? {
        guard role == .reproduces else { return nil }
        return expect ?? (judgedByPaperRange ? .number : .direction)
    }

    /// The direction a ratio's `min`/`max` claim: +1 when the numerator should be the larger
    /// (`min >= 1`), -1 when the smaller (`max <= 1`), nil when the range straddles 1.
    public var ratioDirection: Int? {
        if let lo = min, lo >= 1 { return 1 }
        if let hi = max, hi <= 1 { return -1 }
        return nil
    }

    static let commonKeys = ["kind", "role", "metric", "name", "at", "paper", "expect", "note"]
    static let keysByKind: [Kind: [String]] = [
        .ordering: ["by", "order", "lower_is_better", "alpha"],
        .best: ["by", "value", "lower_is_better", "alpha"],
        .threshold: ["min", "max"],
        .ratio: ["numerator", "denominator", "min", "max", "alpha"],
        .slope: ["against", "scale", "min", "max", "level"],
        .capacity: ["rate", "slo", "numerator", "denominator", "min", "max", "alpha"],
    ]

    /// The expected range as text: `[0.5, 1]`, `>= 0.5`, `<= 1`.
    var expectedRange: String {
        switch (min, max) {
        case (let lo?, let hi?): return "[\(NumberFormatting.string(lo)), \(NumberFormatting.string(hi))]"
        case (let lo?, nil): return ">= \(NumberFormatting.string(lo))"
        case (nil, let hi?): return "<= \(NumberFormatting.string(hi))"
        case (nil, nil): return ""
        }
    }

    func inRange(_ x: Double) -> Bool {
        x.isFinite && (min.map { x >= $0 } ?? true) && (max.map { x <= $0 } ?? true)
    }
}
