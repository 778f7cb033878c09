import CGSL

/// A straight-line least-squares fit `y = intercept + slope * x`
/// (`gsl_fit_linear`, unweighted).
///
/// Standard errors come from GSL's covariance matrix of the coefficients,
/// which uses the residual variance `s^2 = residualSumOfSquares / (n - 2)`:
/// `slopeStandardError = s / sqrt(sum((x - mean(x))^2))` and
/// `interceptStandardError = s * sqrt(1/n + mean(x)^2 / sum((x - mean(x))^2))`.
/// `rSquared = 1 - residualSumOfSquares / sum((y - mean(y))^2)`; it is `.nan`
/// when all `y` are equal (then the slope is 0 with standard error 0). As NaN
/// never equals itself, such fits compare unequal even to themselves.
public struct LinearFit: Sendable, Equatable {
    /// Number of points fitted.
    public let n: Int
    /// Fitted value at `x == 0`.
    public let intercept: Double
    /// Change in fitted `y` per unit of `x`; for ``logLog(x:y:)`` the scaling exponent.
    public let slope: Double
    /// Standard error of `intercept`.
    public let interceptStandardError: Double
    /// Standard error of `slope`.
    public let slopeStandardError: Double
    /// Sum of squared residuals, `sum((y - intercept - slope * x)^2)`.
    public let residualSumOfSquares: Double
    /// Coefficient of determination; `.nan` when all `y` are equal.
    public let rSquared: Double

    /// The t-interval of the slope: `slope +- t((1 + level) / 2, n - 2) * slopeStandardError`
    /// (normal, independent, equal-variance errors assumed). It collapses to
    /// the slope when the points lie exactly on a line.
    ///
    /// - Throws: `invalidArgument` if `level` is not strictly between 0 and 1.
    public func slopeInterval(level: Double = 0.95) throws -> ConfidenceInterval {
        GSLRuntime.prepare()
        try InputValidation.requireLevel(level)
        return try StudentT.interval(
            estimate: slope, standardError: slopeStandardError, degreesOfFreedom: Double(n - 2), level: level)
    }

    /// Ordinary least squares of `y` on `x`.
    ///
    /// - Throws: `invalidArgument` if the lengths differ, any value is
    ///   non-finite, or all `x` are equal (the slope is then undefined);
    ///   `insufficientData` if fewer than 3 points (the standard errors need
    ///   `n - 2 >= 1` residual degrees of freedom); `.gsl` if GSL reports a
    ///   non-zero status.
    public static func ordinaryLeastSquares(x: [Double], y: [Double]) throws -> LinearFit {
        GSLRuntime.prepare()
        try InputValidation.requireSameLength(x, "x", y, "y")
        try InputValidation.requireCount(x.count, atLeast: 3, for: "a linear fit")
        try InputValidation.requireFinite(x, "x")
        try InputValidation.requireFinite(y, "y")
        guard let first = x.first, x.contains(where: { $0 != first }) else {
            throw StatisticsError.invalidArgument("all x values are equal; the slope is undefined")
        }
        var c0 = 0.0
        var c1 = 0.0
        var cov00 = 0.0
        var cov01 = 0.0
        var cov11 = 0.0
        var sumsq = 0.0
        let status = x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                gsl_fit_linear(xs.baseAddress, 1, ys.baseAddress, 1, xs.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
            }
        }
        try GSLRuntime.check(status, "gsl_fit_linear")
        let meanY = y.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
        let totalSumOfSquares = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        return LinearFit(
            n: x.count, intercept: c0, slope: c1,
            interceptStandardError: cov00.squareRoot(), slopeStandardError: cov11.squareRoot(),
            residualSumOfSquares: sumsq,
            rSquared: totalSumOfSquares == 0 ? .nan : 1 - sumsq / totalSumOfSquares)
    }

    /// The power-law fit `y = exp(a) * x^b`, done as ordinary least squares of
    /// `log(y)` on `log(x)` (natural logarithms): `intercept` is `a`, `slope` is
    /// the scaling exponent `b`, and all other fields refer to the log-log fit.
    ///
    /// - Throws: `invalidArgument` if any `x` or `y` is not a finite positive
    ///   number, the lengths differ, or all `x` are equal; otherwise as
    ///   ``ordinaryLeastSquares(x:y:)``.
    public static func logLog(x: [Double], y: [Double]) throws -> LinearFit {
        GSLRuntime.prepare()
        try InputValidation.requireSameLength(x, "x", y, "y")
        try requirePositive(x, "x")
        try requirePositive(y, "y")
        return try ordinaryLeastSquares(x: x.map(naturalLog), y: y.map(naturalLog))
    }

    /// The logarithmic-growth fit `y = a + b ln(x)`, done as ordinary least squares of `y`
    /// on `log(x)`: `slope` is the growth per e-fold of `x` (regret growing like log T has a
    /// constant slope here).
    ///
    /// - Throws: `invalidArgument` if any `x` is not a finite positive number, or as
    ///   ``ordinaryLeastSquares(x:y:)``.
    public static func semiLog(x: [Double], y: [Double]) throws -> LinearFit {
        GSLRuntime.prepare()
        try InputValidation.requireSameLength(x, "x", y, "y")
        try requirePositive(x, "x")
        return try ordinaryLeastSquares(x: x.map(naturalLog), y: y)
    }

    private static func requirePositive(_ values: [Double], _ name: String) throws {
        if let index = values.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw StatisticsError.invalidArgument(
                "\(name)[\(index)] is \(values[index]); a log-log fit needs finite positive values")
        }
    }
}
