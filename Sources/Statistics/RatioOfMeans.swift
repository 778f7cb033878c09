/// The ratio of two means measured on the same seeds, `R = mean(a) / mean(b)`, with its
/// delta-method interval.
///
/// With `n` pairs `(a_i, b_i)` (one per seed), sample variances `s_a^2`, `s_b^2` and
/// sample covariance `s_ab` (denominators `n - 1`), the standard error of `R` is
///
///     se(R) = sqrt((s_a^2 - 2 R s_ab + R^2 s_b^2) / n) / |mean(b)|
///
/// (first-order Taylor expansion of `mean(a) / mean(b)`), and the interval is
/// `R +- t((1 + level) / 2, n - 1) * se(R)` (quantile from GSL). Pairing lets common random
/// numbers shrink the interval as a paired t-test would. The approximation needs `mean(b)`
/// well away from 0 relative to its own standard error; with `n == 1` the interval is the
/// single point `R`.
public enum RatioOfMeans {
    /// The ratio of the means of `a` and `b`, where `a[i]` and `b[i]` come from the same seed.
    ///
    /// - Throws: `invalidArgument` if the lengths differ, a value is not finite, `level` is
    ///   not strictly between 0 and 1 or `mean(b)` is 0; `insufficientData` if empty.
    public static func interval(_ a: [Double], _ b: [Double], level: Double = 0.95) throws -> ConfidenceInterval {
        GSLRuntime.prepare()
        try InputValidation.requireSameLength(a, "a", b, "b")
        try InputValidation.requireLevel(level)
        try InputValidation.requireCount(a.count, atLeast: 1, for: "a ratio of means")
        try InputValidation.requireFinite(a, "a")
        try InputValidation.requireFinite(b, "b")
        let n = Double(a.count)
        let meanA = a.reduce(0, +) / n
        let meanB = b.reduce(0, +) / n
        guard meanB != 0 else { throw StatisticsError.invalidArgument("the denominator's mean is 0") }
        let ratio = meanA / meanB
        guard a.count >= 2 else { return ConfidenceInterval(estimate: ratio, low: ratio, high: ratio, level: level) }
        var varA = 0.0
        var varB = 0.0
        var cov = 0.0
        for (x, y) in zip(a, b) {
            varA += (x - meanA) * (x - meanA)
            varB += (y - meanB) * (y - meanB)
            cov += (x - meanA) * (y - meanB)
        }
        varA /= n - 1
        varB /= n - 1
        cov /= n - 1
        let variance = Swift.max(0, varA - 2 * ratio * cov + ratio * ratio * varB)
        let standardError = (variance / n).squareRoot() / Swift.abs(meanB)
        return try StudentT.interval(
            estimate: ratio, standardError: standardError, degreesOfFreedom: n - 1, level: level)
    }
}
