import CGSL

/// Student's t distribution (through GSL) and the t-interval of a mean.
public enum StudentT {
    /// The `p` quantile of Student's t distribution with `degreesOfFreedom`
    /// degrees of freedom: the `x` with `P(T <= x) = p` (`gsl_cdf_tdist_Pinv`).
    /// Non-integer degrees of freedom are allowed.
    ///
    /// `p == 0` gives `-infinity` and `p == 1` gives `+infinity`.
    ///
    /// - Throws: `invalidArgument` if either argument is NaN. Other arguments go
    ///   to GSL unchanged; where GSL reports a domain error (for example `p`
    ///   outside [0, 1], or degrees of freedom that are not positive or not
    ///   finite) the NaN it returns is turned into
    ///   `.gsl(function: "gsl_cdf_tdist_Pinv", status: GSL_EDOM, ...)`.
    public static func quantile(_ p: Double, degreesOfFreedom: Double) throws -> Double {
        GSLRuntime.prepare()
        try InputValidation.requireNotNaN(p, "p")
        try InputValidation.requireNotNaN(degreesOfFreedom, "degreesOfFreedom")
        return try GSLRuntime.checkedValue(gsl_cdf_tdist_Pinv(p, degreesOfFreedom), "gsl_cdf_tdist_Pinv")
    }

    /// The two-sided p-value of a t statistic: `P(|T| >= |t|)` for `T` with
    /// `degreesOfFreedom` degrees of freedom, `2 * gsl_cdf_tdist_Q(|t|, dof)`,
    /// capped at 1. An infinite `t` gives 0; `t == 0` gives 1.
    ///
    /// - Throws: `invalidArgument` if `t` is NaN or `degreesOfFreedom` is not a
    ///   finite positive number; `.gsl` if GSL cannot evaluate the tail.
    public static func twoSidedPValue(t: Double, degreesOfFreedom: Double) throws -> Double {
        GSLRuntime.prepare()
        try InputValidation.requireNotNaN(t, "t")
        guard degreesOfFreedom.isFinite, degreesOfFreedom > 0 else {
            throw StatisticsError.invalidArgument(
                "degreesOfFreedom must be finite and positive, got \(degreesOfFreedom)")
        }
        let tail = try GSLRuntime.checkedValue(gsl_cdf_tdist_Q(Swift.abs(t), degreesOfFreedom), "gsl_cdf_tdist_Q")
        return Swift.min(1, 2 * tail)
    }

    /// The t-interval of the mean of `values`:
    /// `mean +- t((1 + level) / 2, n - 1) * sd / sqrt(n)`, with `sd` the sample
    /// standard deviation (denominator `n - 1`). It assumes independent draws from
    /// a roughly normal population; its coverage is approximate otherwise.
    ///
    /// When all values are equal (`sd == 0`) the interval collapses to the mean.
    ///
    /// - Throws: `insufficientData` if fewer than 2 values; `invalidArgument` if
    ///   `level` is not strictly between 0 and 1 or any value is non-finite.
    public static func meanInterval(of values: [Double], level: Double = 0.95) throws -> ConfidenceInterval {
        GSLRuntime.prepare()
        try InputValidation.requireLevel(level)
        try InputValidation.requireCount(values.count, atLeast: 2, for: "a t-interval")
        let summary = try Summary(of: values)
        return try interval(
            estimate: summary.mean, standardError: summary.sd / Double(summary.n).squareRoot(),
            degreesOfFreedom: Double(summary.n - 1), level: level)
    }

    /// `estimate +- t((1 + level) / 2, dof) * standardError`; the interval of a
    /// zero standard error is the single point `estimate`.
    static func interval(
        estimate: Double, standardError: Double, degreesOfFreedom: Double, level: Double
    ) throws -> ConfidenceInterval {
        let halfWidth: Double
        if standardError == 0 {
            halfWidth = 0
        } else {
            halfWidth = try quantile((1 + level) / 2, degreesOfFreedom: degreesOfFreedom) * standardError
        }
        return ConfidenceInterval(
            estimate: estimate, low: estimate - halfWidth, high: estimate + halfWidth, level: level)
    }
}
