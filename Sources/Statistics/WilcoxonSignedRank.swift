import CGSL

/// Wilcoxon's signed-rank test of paired differences against a symmetric
/// distribution centred on zero (two-sided).
///
/// Procedure: zero differences are dropped (Wilcoxon's original convention,
/// R's default); the remaining `m` differences are ranked by absolute value,
/// ties (exact equality) getting average ranks; `statistic` is `W+`, the sum of
/// the ranks of the positive differences.
///
/// p-value:
/// - exact, when there are no ties and `1 <= m <= 50`: the null distribution
///   of `W+` (each sign equally likely) is counted exactly, and
///   `p = min(1, 2 * min(P(W+ <= w), P(W+ >= w)))`;
/// - with `m == 0` (all differences zero) `W+ = 0` and `p = 1`, reported as exact;
/// - otherwise the normal approximation with mean `m(m+1)/4`, variance
///   `m(m+1)(2m+1)/24 - sum(t^3 - t)/48` over tie groups of size `t`, and a
///   continuity correction of 0.5 towards the mean:
///   `z = max(0, |W+ - mean| - 0.5) / sqrt(variance)`, `p = 2 * Q(z)` with `Q`
///   the standard normal upper tail (`gsl_cdf_ugaussian_Q`). Both `W+` and the
///   mean are multiples of 0.5, so this agrees with R's `wilcox.test(exact =
///   FALSE, correct = TRUE)` and SciPy's `wilcoxon(method="approx",
///   correction=True)`. The variance is positive for every `m >= 1`.
struct WilcoxonSignedRank: Sendable, Equatable {
    /// `W+`, the sum of ranks of positive differences.
    let statistic: Double
    /// Two-sided p-value.
    let pValue: Double
    /// Whether `pValue` comes from the exact null distribution.
    let exact: Bool

    /// Largest number of nonzero differences for which the exact distribution is used.
    static let exactLimit = 50

    /// Runs the test on `differences` (finite values, not checked here).
    init(differences: [Double]) throws {
        let nonzero = differences.filter { $0 != 0 }
        let m = nonzero.count
        guard m > 0 else {
            self.init(statistic: 0, pValue: 1, exact: true)
            return
        }
        let (ranks, tieSizes) = AverageRanks.of(nonzero.map { Swift.abs($0) })
        var wPlus = 0.0
        for (difference, rank) in zip(nonzero, ranks) where difference > 0 {
            wPlus += rank
        }
        if tieSizes.isEmpty, m <= Self.exactLimit {
            self.init(statistic: wPlus, pValue: Self.exactPValue(wPlus: wPlus, m: m), exact: true)
        } else {
            let p = try Self.normalPValue(wPlus: wPlus, m: m, tieSizes: tieSizes)
            self.init(statistic: wPlus, pValue: p, exact: false)
        }
    }

    private init(statistic: Double, pValue: Double, exact: Bool) {
        self.statistic = statistic
        self.pValue = pValue
        self.exact = exact
    }

    /// Two-sided exact p-value; `wPlus` is an integer here (no ties).
    /// `counts[s]` is the number of subsets of {1, ..., m} with sum `s`; every
    /// count is below 2^50 and so exact in a `Double`.
    private static func exactPValue(wPlus: Double, m: Int) -> Double {
        let maxSum = m * (m + 1) / 2
        var counts = [Double](repeating: 0, count: maxSum + 1)
        counts[0] = 1
        for rank in 1...m {
            let reachable = rank * (rank + 1) / 2
            for sum in stride(from: reachable, through: rank, by: -1) {
                counts[sum] += counts[sum - rank]
            }
        }
        let w = Int(wPlus)
        let total = counts.reduce(0, +)
        let lower = counts[0...w].reduce(0, +) / total
        let upper = counts[w...maxSum].reduce(0, +) / total
        return Swift.min(1, 2 * Swift.min(lower, upper))
    }

    /// Two-sided p-value of the normal approximation with tie and continuity corrections.
    private static func normalPValue(wPlus: Double, m: Int, tieSizes: [Int]) throws -> Double {
        let n = Double(m)
        let mean = n * (n + 1) / 4
        let tieTerm = tieSizes.reduce(0.0) { sum, size in
            let t = Double(size)
            return sum + (t * t * t - t)
        }
        let variance = n * (n + 1) * (2 * n + 1) / 24 - tieTerm / 48
        let distance = Swift.max(0, Swift.abs(wPlus - mean) - 0.5)
        let z = distance / variance.squareRoot()
        let tail = try GSLRuntime.checkedValue(gsl_cdf_ugaussian_Q(z), "gsl_cdf_ugaussian_Q")
        return Swift.min(1, 2 * tail)
    }
}
