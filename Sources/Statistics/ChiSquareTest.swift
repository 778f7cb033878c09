import CGSL

/// The result of Pearson's chi-square goodness-of-fit test.
public struct ChiSquareTest: Sendable, Equatable {
    /// Pearson's statistic `sum((O_i - E_i)^2 / E_i)`.
    public let statistic: Double
    /// `k - 1 - estimatedParameters` for `k` categories.
    public let degreesOfFreedom: Int
    /// Upper-tail probability `P(X >= statistic)` of a chi-square variable with
    /// `degreesOfFreedom` degrees of freedom (`gsl_cdf_chisq_Q`).
    public let pValue: Double

    /// Tests observed category counts against expected counts.
    ///
    /// `expected` is used exactly as given: it is not rescaled to the total of
    /// `observed`, and the totals are not compared. Pass expected counts with
    /// the same total as the observations (for example `total * probability`),
    /// or the statistic measures the difference in totals as well. The
    /// chi-square approximation is poor when expected counts are small (a
    /// common rule asks for all `E_i >= 5`); this is not checked.
    ///
    /// - Parameters:
    ///   - observed: observed counts, finite and non-negative (need not be integers).
    ///   - expected: expected counts, finite and positive, same length as `observed`.
    ///   - estimatedParameters: number of parameters of the expected distribution
    ///     estimated from the same data; each removes one degree of freedom.
    /// - Throws: `invalidArgument` for mismatched lengths, fewer than 2
    ///   categories, negative or non-finite observed counts, non-positive or
    ///   non-finite expected counts, negative `estimatedParameters`, or fewer
    ///   than 1 remaining degree of freedom; `.gsl` if GSL cannot evaluate the tail.
    public static func goodnessOfFit(
        observed: [Double], expected: [Double], estimatedParameters: Int = 0
    ) throws -> ChiSquareTest {
        GSLRuntime.prepare()
        try InputValidation.requireSameLength(observed, "observed", expected, "expected")
        guard observed.count >= 2 else {
            throw StatisticsError.invalidArgument(
                "a goodness-of-fit test needs at least 2 categories, got \(observed.count)")
        }
        try InputValidation.requireFinite(observed, "observed")
        try InputValidation.requireFinite(expected, "expected")
        if let index = observed.firstIndex(where: { $0 < 0 }) {
            throw StatisticsError.invalidArgument(
                "observed[\(index)] is \(observed[index]); counts must be non-negative")
        }
        if let index = expected.firstIndex(where: { $0 <= 0 }) {
            throw StatisticsError.invalidArgument(
                "expected[\(index)] is \(expected[index]); expected counts must be positive")
        }
        guard estimatedParameters >= 0 else {
            throw StatisticsError.invalidArgument(
                "estimatedParameters must be non-negative, got \(estimatedParameters)")
        }
        let degreesOfFreedom = observed.count - 1 - estimatedParameters
        guard degreesOfFreedom >= 1 else {
            throw StatisticsError.invalidArgument(
                "\(observed.count) categories and \(estimatedParameters) estimated parameters leave \(degreesOfFreedom) degrees of freedom; at least 1 is needed"
            )
        }
        var statistic = 0.0
        for (o, e) in zip(observed, expected) {
            statistic += (o - e) * (o - e) / e
        }
        try InputValidation.requireFinite(statistic, "chi-square statistic")
        let pValue = try GSLRuntime.checkedValue(
            gsl_cdf_chisq_Q(statistic, Double(degreesOfFreedom)), "gsl_cdf_chisq_Q")
        return ChiSquareTest(statistic: statistic, degreesOfFreedom: degreesOfFreedom, pValue: pValue)
    }
}
