import CGSL

/// Sample quantiles by linear interpolation between order statistics.
public enum Quantile {
    /// The `probability` quantile of `sorted` (ascending), computed by
    /// `gsl_stats_quantile_from_sorted_data`.
    ///
    /// Definition: with `n` values `x[0] <= ... <= x[n-1]`, let
    /// `h = probability * (n - 1)`, `i = floor(h)` and `d = h - i`; the quantile is
    /// `(1 - d) * x[i] + d * x[i + 1]`, or `x[n - 1]` when `i == n - 1`. This is
    /// Hyndman and Fan's type 7 (the default of R's `quantile` and NumPy's
    /// `percentile`). Probability 0 gives the minimum and 1 the maximum.
    ///
    /// - Throws: `insufficientData` if `sorted` is empty; `invalidArgument` if
    ///   `probability` is outside [0, 1] or any value is non-finite.
    /// - Precondition: `sorted` is in ascending order (not checked).
    /// - Complexity: O(n) for the finiteness check; the lookup itself is O(1).
    public static func ofSorted(_ sorted: [Double], probability: Double) throws -> Double {
        GSLRuntime.prepare()
        try InputValidation.requireCount(sorted.count, atLeast: 1, for: "a quantile")
        try InputValidation.requireFinite(sorted, "sorted")
        guard probability >= 0, probability <= 1 else {
            throw StatisticsError.invalidArgument("probability must be in [0, 1], got \(probability)")
        }
        return unchecked(sorted, probability)
    }

    /// The same computation without argument checks, for callers that have
    /// already validated a non-empty, finite, sorted sample and `probability`
    /// in [0, 1].
    static func unchecked(_ sorted: [Double], _ probability: Double) -> Double {
        sorted.withUnsafeBufferPointer { buffer in
            gsl_stats_quantile_from_sorted_data(buffer.baseAddress, 1, buffer.count, probability)
        }
    }
}
