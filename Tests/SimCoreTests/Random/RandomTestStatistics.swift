/// Small statistics helpers shared by the randomness tests.
///
/// Tolerances. Every check compares a statistic of n independent draws with its exact value.
/// A sample mean has standard error σ/√n. A sample variance has standard error
/// σ²·√((κ - 1)/n), κ = μ₄/σ⁴ the kurtosis (delta method; valid when the fourth moment is
/// finite, which the chosen parameters ensure). Checks allow 5 standard errors: a correct
/// sampler exceeds that with probability about 6e-7 per check, while a systematic error of more
/// than 5 standard errors (about 1% of σ at n = 200,000) fails. Seeds are fixed, so each run
/// gives the same verdict; the margin is what makes the verdict robust to any later, legitimate
/// change of the stream.
///
/// Pearson's χ² over k cells with expected counts >= 5 is compared with the upper 0.001
/// quantile of χ² with k - 1 degrees of freedom, taken from the standard table below.
enum RandomTestStatistics {
    static let draws = 200_000
    static let standardErrors = 5.0

    static func mean(_ xs: [Double]) -> Double {
        xs.reduce(0, +) / Double(xs.count)
    }

    /// Unbiased sample variance (two-pass).
    static func variance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        var sum = 0.0
        for x in xs { sum += (x - m) * (x - m) }
        return sum / Double(xs.count - 1)
    }

    /// Whether the sample mean and variance of `xs` are within 5 standard errors of the exact
    /// `mean` and `variance` of a law with excess kurtosis `excessKurtosis`. Returns a
    /// description of the failure, or nil.
    static func momentMismatch(
        _ xs: [Double], mean expectedMean: Double, variance expectedVariance: Double, excessKurtosis: Double
    ) -> String? {
        let n = Double(xs.count)
        let m = mean(xs)
        let v = variance(xs)
        let meanTolerance = standardErrors * (expectedVariance / n).squareRoot()
        let varianceTolerance = standardErrors * expectedVariance * ((excessKurtosis + 2) / n).squareRoot()
        var problems: [String] = []
        if abs(m - expectedMean) > meanTolerance {
            problems.append("mean \(m), expected \(expectedMean) ± \(meanTolerance)")
        }
        if abs(v - expectedVariance) > varianceTolerance {
            problems.append("variance \(v), expected \(expectedVariance) ± \(varianceTolerance)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Pearson's statistic Σ (observed - expected)² / expected.
    static func chiSquare(observed: [Int], expected: [Double]) -> Double {
        precondition(observed.count == expected.count)
        var statistic = 0.0
        for (o, e) in zip(observed, expected) {
            let d = Double(o) - e
            statistic += d * d / e
        }
        return statistic
    }

    /// Upper 0.001 quantiles of the χ² distribution, index = degrees of freedom (1 ... 50), as
    /// printed in standard statistical tables (e.g. χ²₀.₉₉₉(9) = 27.877, χ²₀.₉₉₉(49) = 85.351).
    static let chiSquare999: [Double] = [
        .nan,
        10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877, 29.588,
        31.264, 32.909, 34.528, 36.123, 37.697, 39.252, 40.790, 42.312, 43.820, 45.315,
        46.797, 48.268, 49.728, 51.179, 52.620, 54.052, 55.476, 56.892, 58.301, 59.703,
        61.098, 62.487, 63.870, 65.247, 66.619, 67.985, 69.346, 70.703, 72.055, 73.402,
        74.745, 76.084, 77.419, 78.750, 80.077, 81.400, 82.720, 84.037, 85.351, 86.661,
    ]

    /// Counts of each outcome in `0 ..< cells` over `n` draws of `draw`.
    static func histogram(cells: Int, n: Int, _ draw: () -> Int) -> [Int] {
        var counts = [Int](repeating: 0, count: cells)
        for _ in 0..<n { counts[draw()] += 1 }
        return counts
    }

    /// Pearson's test of `counts` against `probabilities` (which sum to 1). Cells whose
    /// expected count is below 5 are pooled into one cell, appended at the end, or merged into
    /// the last kept cell if the pool's own expected count is still below 5, so that the χ²
    /// approximation holds. Returns the statistic, the degrees of freedom and the critical
    /// value at 0.999.
    static func goodnessOfFit(counts: [Int], probabilities: [Double])
        -> (statistic: Double, dof: Int, critical: Double)
    {
        let n = Double(counts.reduce(0, +))
        var observed: [Int] = []
        var expected: [Double] = []
        var pooledObserved = 0
        var pooledExpected = 0.0
        for (c, p) in zip(counts, probabilities) {
            if n * p >= 5 {
                observed.append(c)
                expected.append(n * p)
            } else {
                pooledObserved += c
                pooledExpected += n * p
            }
        }
        if pooledExpected >= 5 || (pooledExpected > 0 && observed.isEmpty) {
            observed.append(pooledObserved)
            expected.append(pooledExpected)
        } else if pooledExpected > 0 {
            observed[observed.count - 1] += pooledObserved
            expected[expected.count - 1] += pooledExpected
        }
        let dof = observed.count - 1
        precondition(dof >= 1 && dof < chiSquare999.count, "no table value for \(dof) degrees of freedom")
        return (chiSquare(observed: observed, expected: expected), dof, chiSquare999[dof])
    }
}
