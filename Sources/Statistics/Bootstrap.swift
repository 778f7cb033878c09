import CGSL

/// Percentile bootstrap confidence intervals, driven by a seeded GSL generator.
///
/// Method: draw `resamples` samples of size `n` from `values` with replacement,
/// evaluate `statistic` on each, sort the results, and take their
/// `(1 - level) / 2` and `(1 + level) / 2` quantiles (linear interpolation, see
/// ``Quantile/ofSorted(_:probability:)``) as `low` and `high`. The estimate is
/// `statistic(values)`. The interval need not contain the estimate, and its
/// coverage is approximate, poor for very small samples.
///
/// Determinism: the random stream is GSL's mt19937, seeded through
/// `gsl_rng_set` with `seed` folded to 32 bits as `UInt32(truncatingIfNeeded:
/// seed ^ (seed >> 32))` (GSL's mt19937 keeps 32 bits; seeds below 2^32 are
/// used unchanged; GSL maps seed 0 to 4357), and
/// indices are drawn in a fixed order (resample by resample, position by
/// position, `gsl_rng_uniform_int`). The same values, level, resample count,
/// seed and (deterministic) statistic therefore give a bit-identical interval
/// on every run and thread.
public enum Bootstrap {
    /// The percentile bootstrap interval of `statistic` (see ``Bootstrap``).
    ///
    /// With `n == 1` every resample equals the sample, so the interval is the
    /// single point `statistic(values)`.
    ///
    /// - Parameters:
    ///   - values: the sample; at least 1 value, all finite.
    ///   - level: confidence level, strictly between 0 and 1.
    ///   - resamples: number of bootstrap resamples, at least 1.
    ///   - seed: seed of the GSL mt19937 generator.
    ///   - statistic: the statistic; called once on `values` and once per
    ///     resample, in order. It must return a finite value.
    /// - Throws: `insufficientData` for an empty sample; `invalidArgument` for a
    ///   bad level, resample count, non-finite value, a statistic that returns a
    ///   non-finite value, or a sample larger than the generator's range (2^32 - 1);
    ///   `.gsl` if the generator cannot be allocated.
    /// - Complexity: O(resamples * (n + cost of `statistic`) + resamples log resamples).
    public static func percentileInterval(
        of values: [Double], level: Double = 0.95, resamples: Int = 2000, seed: UInt64,
        statistic: ([Double]) -> Double
    ) throws -> ConfidenceInterval {
        GSLRuntime.prepare()
        try InputValidation.requireLevel(level)
        try InputValidation.requireCount(values.count, atLeast: 1, for: "a bootstrap interval")
        try InputValidation.requireFinite(values, "values")
        guard resamples >= 1 else {
            throw StatisticsError.invalidArgument("resamples must be at least 1, got \(resamples)")
        }
        let generator = try GSLRandomGenerator(mt19937Seed: seed)
        guard UInt(values.count) <= generator.maximumBound else {
            throw StatisticsError.invalidArgument(
                "bootstrap sample of \(values.count) values exceeds the generator range \(generator.maximumBound)")
        }
        let estimate = statistic(values)
        try InputValidation.requireFinite(estimate, "statistic(values)")

        var replicates: [Double] = []
        replicates.reserveCapacity(resamples)
        var resample = values
        for index in 0..<resamples {
            for position in resample.indices {
                resample[position] = values[generator.uniformIndex(below: values.count)]
            }
            let value = statistic(resample)
            try InputValidation.requireFinite(value, "statistic of resample \(index)")
            replicates.append(value)
        }
        replicates.sort()
        return ConfidenceInterval(
            estimate: estimate,
            low: Quantile.unchecked(replicates, (1 - level) / 2),
            high: Quantile.unchecked(replicates, (1 + level) / 2),
            level: level)
    }

    /// The percentile bootstrap interval of the arithmetic mean; the same as
    /// ``percentileInterval(of:level:resamples:seed:statistic:)`` with the mean
    /// as statistic.
    public static func percentileIntervalOfMean(
        of values: [Double], level: Double = 0.95, resamples: Int = 2000, seed: UInt64
    ) throws -> ConfidenceInterval {
        try percentileInterval(of: values, level: level, resamples: resamples, seed: seed, statistic: arithmeticMean)
    }

    /// The mean by `gsl_stats_mean`, so the estimate equals ``Summary/mean``.
    private static func arithmeticMean(_ sample: [Double]) -> Double {
        sample.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }
}
