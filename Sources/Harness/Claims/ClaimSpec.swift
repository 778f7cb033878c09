import SimCore

/// A claim declared in a spec, checked against the summary after the sweep.
///
/// Kinds (`Test`, one case per kind with its own fields):
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
    /// The names of the kinds.
    public enum Kind: String, Sendable, CaseIterable {
        case ordering, best, threshold, ratio, slope, capacity
    }

    /// A claim kind with its own fields.
    public enum Test: Sendable {
        case ordering(Comparison)
        case best(Comparison)
        case threshold(Bounds)
        case ratio(Sides)
        case slope(Fit)
        case capacity(Sides, CapacityDefinition)
    }

    /// A selection of sweep values: key -> allowed values.
    public typealias Selector = [(key: String, values: [ConfigValue])]

    /// `[min, max]`, either side optional.
    public struct Bounds: Sendable {
        public let min: Double?
        public let max: Double?

        public var isEmpty: Bool { min == nil && max == nil }

        /// +1 when a ratio's bounds say the numerator is the larger (`min >= 1`), -1 the
        /// smaller (`max <= 1`), nil when they straddle 1.
        public var direction: Int? {
            if let lo = min, lo >= 1 { return 1 }
            if let hi = max, hi <= 1 { return -1 }
            return nil
        }

        /// `[0.5, 1]`, `>= 0.5`, `<= 1`.
        var text: String {
            switch (min, max) {
            case (let lo?, let hi?): return "[\(NumberFormatting.string(lo)), \(NumberFormatting.string(hi))]"
            case (let lo?, nil): return ">= \(NumberFormatting.string(lo))"
            case (nil, let hi?): return "<= \(NumberFormatting.string(hi))"
            case (nil, nil): return ""
            }
        }

        func contains(_ x: Double) -> Bool {
            x.isFinite && (min.map { x >= $0 } ?? true) && (max.map { x <= $0 } ?? true)
        }
    }

    /// An ordering over the values of one sweep key (`ordering`: all of `values` in order;
    /// `best`: `values` holds the one value that should be best).
    public struct Comparison: Sendable {
        public let by: String?
        public let values: [ConfigValue]
        public let lowerIsBetter: Bool
        public let alpha: Double?
    }

    /// Two selections whose means (or capacities) form a ratio.
    public struct Sides: Sendable {
        public let numerator: Selector
        public let denominator: Selector
        public let bounds: Bounds
        public let alpha: Double?
    }

    /// A slope fitted against a swept key.
    public struct Fit: Sendable {
        public let against: String
        public let scale: SlopeScale
        public let level: Double
        public let bounds: Bounds
    }

    /// The metric's service-level objective and the swept rate of a capacity.
    public struct CapacityDefinition: Sendable, Equatable {
        public let rate: String
        public let slo: Double
    }

    /// The axes of a `slope` claim's fit.
    public enum SlopeScale: String, Sendable, CaseIterable {
        case logLog = "log-log"
        case semiLog = "semi-log"
    }

    /// Fewest common seeds a row needs when its two sides differ by less than
    /// ``closeRelativeDifference``.
    public static let pairedTestMinimumSeeds = 10
    /// Relative difference below which an ordering or ratio is a close call.
    public static let closeRelativeDifference = 0.1

    public let index: Int
    public let name: String
    public let role: ClaimRole
    public let metric: String
    /// What the reproduced paper reports for this claim, with its source and figure.
    public let paper: PaperFigure?
    /// The agreement this claim is known to reach (`reproduces` claims only).
    public let expect: Agreement?
    /// Why the claim is what it is (required with `expect: disagrees`); shown in the report.
    public let note: String?
    public let at: Selector
    public let test: Test

    public var kind: Kind {
        switch test {
        case .ordering: .ordering
        case .best: .best
        case .threshold: .threshold
        case .ratio: .ratio
        case .slope: .slope
        case .capacity: .capacity
        }
    }

    /// The `min`/`max` of the kinds that measure one number; nil for orderings.
    public var bounds: Bounds? {
        switch test {
        case .ordering, .best: nil
        case .threshold(let bounds): bounds
        case .ratio(let sides), .capacity(let sides, _): sides.bounds
        case .slope(let fit): fit.bounds
        }
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

    /// The confidence level of the interval compared with the paper (a slope's `level`).
    public var intervalLevel: Double {
        if case .slope(let fit) = test { return fit.level }
        return 0.95
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
}
