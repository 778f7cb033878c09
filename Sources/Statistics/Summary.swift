import CGSL

/// Descriptive statistics of one sample of finite values, computed with GSL.
///
/// - `mean`: arithmetic mean (`gsl_stats_mean`).
/// - `sd`: sample standard deviation, `sqrt(sum((x - mean)^2) / (n - 1))`
///   (`gsl_stats_sd`). For `n == 1` it is undefined and reported as `.nan`;
///   because NaN never equals itself, two one-value summaries compare unequal.
/// - `min`, `max`: smallest and largest value.
/// - `median`, `p90`, `p99`: the 0.5, 0.9 and 0.99 quantiles by linear
///   interpolation between order statistics (see ``Quantile/ofSorted(_:probability:)``
///   for the definition; Hyndman and Fan type 7). For `n == 1` every quantile is
///   the value itself.
///
/// The order of `values` does not matter (up to floating-point rounding of the
/// mean and standard deviation, which GSL accumulates in input order).
public struct Summary: Sendable, Equatable {
    /// Number of values.
    public let n: Int
    /// Arithmetic mean.
    public let mean: Double
    /// Sample standard deviation (denominator `n - 1`); `.nan` when `n == 1`.
    public let sd: Double
    /// Smallest value.
    public let min: Double
    /// Largest value.
    public let max: Double
    /// The 0.5 quantile.
    public let median: Double
    /// The 0.9 quantile.
    public let p90: Double
    /// The 0.99 quantile.
    public let p99: Double

    /// Summarises `values`.
    ///
    /// - Throws: `insufficientData` if `values` is empty; `invalidArgument` if any
    ///   value is NaN or infinite.
    /// - Complexity: O(n log n) (one sort of a copy of `values`).
    public init(of values: [Double]) throws {
        GSLRuntime.prepare()
        try InputValidation.requireCount(values.count, atLeast: 1, for: "a summary")
        try InputValidation.requireFinite(values, "values")
        let sorted = values.sorted()
        n = values.count
        mean = values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
        sd = values.count < 2 ? .nan : values.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
        min = sorted[0]
        max = sorted[sorted.count - 1]
        median = Quantile.unchecked(sorted, 0.5)
        p90 = Quantile.unchecked(sorted, 0.9)
        p99 = Quantile.unchecked(sorted, 0.99)
    }
}
