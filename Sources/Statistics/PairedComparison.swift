/// Paired comparison of two policies run on the same seeds: a paired t-test
/// and a Wilcoxon signed-rank test of the differences `d_i = a_i - b_i`.
///
/// t-test: `t = mean(d) / (sd(d) / sqrt(n))` with `n - 1` degrees of freedom,
/// two-sided p-value `2 * P(T >= |t|)` (`gsl_cdf_tdist_Q`). Degenerate cases,
/// where every difference is the same value `c` (so `sd(d) == 0`):
/// - `c == 0` (identical results, e.g. a policy compared with itself):
///   `tStatistic == 0` and `tPValue == 1`, no error; the interval is `[0, 0]`;
/// - `c != 0`: `tStatistic` is `+infinity` or `-infinity` with the sign of `c`,
///   and `tPValue == 0`; the interval is `[c, c]`.
///
/// Wilcoxon: see the fields below; zeros are dropped, so identical results
/// give `W+ = 0`, `p = 1`.
public struct PairedComparison: Sendable, Equatable {
    /// Number of pairs.
    public let n: Int
    /// Mean of `a_i - b_i` (positive when `a` is larger on average).
    public let meanDifference: Double
    /// t-interval of the mean difference at the requested level.
    public let differenceInterval: ConfidenceInterval
    /// Paired t statistic (see the type's documentation for `sd == 0`).
    public let tStatistic: Double
    /// Two-sided p-value of the paired t-test.
    public let tPValue: Double
    /// `W+`: the sum of the ranks of `|d_i|` over positive `d_i`, after dropping
    /// zero differences; tied `|d_i|` (exact equality) share their average rank.
    public let wilcoxonStatistic: Double
    /// Two-sided p-value of the signed-rank test: exact when ``wilcoxonExact``,
    /// otherwise from the normal approximation with tie and continuity
    /// corrections (the correction never moves `W+` past its mean).
    public let wilcoxonPValue: Double
    /// `true` when ``wilcoxonPValue`` comes from the exact null distribution:
    /// no tied `|d_i|` and at most 50 nonzero differences (also `true`, with
    /// `p = 1`, when every difference is zero).
    public let wilcoxonExact: Bool

    /// Compares `a` and `b`, where `a[i]` and `b[i]` are the two policies'
    /// results on the same seed `i`.
    ///
    /// - Throws: `invalidArgument` if the lengths differ, any value is
    ///   non-finite, or `level` is not strictly between 0 and 1;
    ///   `insufficientData` if there are fewer than 2 pairs.
    public static func compare(_ a: [Double], _ b: [Double], level: Double = 0.95) throws -> PairedComparison {
        GSLRuntime.prepare()
        try InputValidation.requireSameLength(a, "a", b, "b")
        try InputValidation.requireLevel(level)
        try InputValidation.requireCount(a.count, atLeast: 2, for: "a paired comparison")
        try InputValidation.requireFinite(a, "a")
        try InputValidation.requireFinite(b, "b")
        let differences = zip(a, b).map { $0 - $1 }
        try InputValidation.requireFinite(differences, "a - b")

        let summary = try Summary(of: differences)
        let degreesOfFreedom = Double(summary.n - 1)
        let standardError = summary.sd / Double(summary.n).squareRoot()
        let interval = try StudentT.interval(
            estimate: summary.mean, standardError: standardError, degreesOfFreedom: degreesOfFreedom, level: level)

        let t: Double
        let p: Double
        if standardError == 0 {
            t = summary.mean == 0 ? 0 : (summary.mean > 0 ? .infinity : -.infinity)
            p = summary.mean == 0 ? 1 : 0
        } else {
            t = summary.mean / standardError
            p = try StudentT.twoSidedPValue(t: t, degreesOfFreedom: degreesOfFreedom)
        }
        let wilcoxon = try WilcoxonSignedRank(differences: differences)
        return PairedComparison(
            n: summary.n, meanDifference: summary.mean, differenceInterval: interval,
            tStatistic: t, tPValue: p,
            wilcoxonStatistic: wilcoxon.statistic, wilcoxonPValue: wilcoxon.pValue, wilcoxonExact: wilcoxon.exact)
    }
}
