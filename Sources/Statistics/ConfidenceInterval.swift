/// A two-sided confidence interval `[low, high]` around a point `estimate`,
/// at confidence `level` (e.g. 0.95).
///
/// `low <= estimate <= high` holds for the t-intervals of this target; a
/// percentile bootstrap interval need not contain its estimate.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The point estimate the interval is built around (e.g. the sample mean).
    public let estimate: Double
    /// The lower bound.
    public let low: Double
    /// The upper bound.
    public let high: Double
    /// The nominal coverage probability, strictly between 0 and 1.
    public let level: Double

    /// Creates an interval from its parts; no checks are made.
    public init(estimate: Double, low: Double, high: Double, level: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
        self.level = level
    }

    /// `high - low`.
    public var width: Double { high - low }

    /// Whether `low <= value <= high` (bounds included).
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }
}
