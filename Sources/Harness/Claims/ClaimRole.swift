/// What a claim is for in a reproduction.
///
/// - `reproduces`: a result the paper states; only these count as reproduction, judged
///   against the paper's number where it gives one (`PaperFigure`).
/// - `sanity`: holds by construction, by a theorem or by arithmetic; it still runs and
///   must pass, but it reproduces nothing.
/// - `counter`: where the paper's method should not win, a limit the paper admits, or what
///   a reader would expect; it must pass.
public enum ClaimRole: String, Sendable, CaseIterable {
    case reproduces, sanity, counter
}

/// How a claim's row compares with the paper (`claims.csv` column `agreement`).
///
/// - `number`: the interval of memsim's value overlaps the paper's widened range;
/// - `direction`: the claim passes and the paper gives no number for it;
/// - `disagrees`: memsim misses the paper's range, or a claim without a paper number fails.
///
/// Sanity claims have no agreement (an empty cell).
public enum Agreement: String, Sendable, CaseIterable {
    case number, direction, disagrees
}

/// The paper's own statement behind a claim, and its figure where it gives one.
///
/// `low` and `high` are in the claim's metric (a ratio claim's paper figure is a ratio). A
/// `reproduces` or `counter` claim with either passes exactly when the interval of
/// memsim's value overlaps the widened range
/// `[low - |low| * tolerance, high + |high| * tolerance]` (a missing side is unbounded).
public struct PaperFigure: Sendable, Equatable {
    /// The paper's sentence and where it stands (figure, table, section or abstract).
    public let text: String
    public let low: Double?
    public let high: Double?
    /// Relative widening of the paper's range (0 when not given); the spec says why.
    public let tolerance: Double

    public var hasRange: Bool { low != nil || high != nil }

    /// The widened lower bound (`-infinity` without `low`).
    public var widenedLow: Double { low.map { $0 - Swift.abs($0) * tolerance } ?? -.infinity }
    /// The widened upper bound (`+infinity` without `high`).
    public var widenedHigh: Double { high.map { $0 + Swift.abs($0) * tolerance } ?? .infinity }

    /// Whether `[low, high]` (an interval of memsim's value) overlaps the widened range.
    public func overlaps(low intervalLow: Double, high intervalHigh: Double) -> Bool {
        guard intervalLow.isFinite || intervalHigh.isFinite, !intervalLow.isNaN, !intervalHigh.isNaN else {
            return false
        }
        return intervalHigh >= widenedLow && intervalLow <= widenedHigh
    }
}
