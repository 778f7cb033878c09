import TestSupport
import Testing

@testable import Statistics

@Suite struct PairedComparisonTests {
    // Source: Student (1908) / R `t.test(extra ~ group, data = sleep, paired = TRUE)`:
    // t = -4.0621, df = 9, p = 0.002833, mean difference -1.58, 95% CI (-2.4598858, -0.7001142);
    // full digits from scipy.stats.ttest_rel. Wilcoxon: R `wilcox.test(..., paired = TRUE)`
    // gives V = 0, p = 0.009091 with the normal approximation (one zero, one tie);
    // full digits from scipy.stats.wilcoxon(method="approx", correction=True).
    // Tolerances 1e-9 (t, CI), 1e-12 (p-values).
    @Test func sleepData() throws {
        let result = try PairedComparison.compare(SleepData.drug1, SleepData.drug2)
        #expect(result.n == 10)
        #expect(isClose(result.meanDifference, -1.58, within: 1e-12))
        #expect(isClose(result.tStatistic, -4.062127683382037, within: 1e-9))
        #expect(isClose(result.tPValue, 0.002832890197384273, within: 1e-12))
        #expect(isClose(result.differenceInterval.low, -2.4598857632769824, within: 1e-9))
        #expect(isClose(result.differenceInterval.high, -0.7001142367230176, within: 1e-9))
        #expect(result.differenceInterval.level == 0.95)
        #expect(result.wilcoxonStatistic == 0)
        #expect(!result.wilcoxonExact)
        #expect(isClose(result.wilcoxonPValue, 0.009090698015925044, within: 1e-12))
    }

    // Source: Hollander and Wolfe (1973), p. 29, depression scale before/after
    // treatment (the example of R's `wilcox.test`): V = 40, one-sided exact
    // p = 0.01953, so two-sided exact p = 0.0390625 = 20/512 (scipy agrees). Exact.
    @Test func hollanderWolfeExact() throws {
        let x: [Double] = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
        let y: [Double] = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
        let result = try PairedComparison.compare(x, y)
        #expect(result.wilcoxonStatistic == 40)
        #expect(result.wilcoxonExact)
        #expect(result.wilcoxonPValue == 0.0390625)
    }

    // Identical policies: every difference is zero; no error, p-values 1.
    @Test func identicalInputs() throws {
        let a: [Double] = [0.3, 0.5, 0.25, 0.9]
        let result = try PairedComparison.compare(a, a)
        #expect(result.meanDifference == 0)
        #expect(result.tStatistic == 0)
        #expect(result.tPValue == 1)
        #expect(result.differenceInterval == ConfidenceInterval(estimate: 0, low: 0, high: 0, level: 0.95))
        #expect(result.wilcoxonStatistic == 0)
        #expect(result.wilcoxonPValue == 1)
        #expect(result.wilcoxonExact)
    }

    // A constant nonzero shift: sd of differences is 0, so t is infinite and p is 0.
    @Test func constantShift() throws {
        let result = try PairedComparison.compare([3, 4, 5, 6], [1, 2, 3, 4])
        #expect(result.meanDifference == 2)
        #expect(result.tStatistic == .infinity)
        #expect(result.tPValue == 0)
        #expect(result.differenceInterval.low == 2 && result.differenceInterval.high == 2)
        let reversed = try PairedComparison.compare([1, 2, 3, 4], [3, 4, 5, 6])
        #expect(reversed.tStatistic == -.infinity)
    }

    @Test func rejectsBadInput() {
        #expect(thrownKind { _ = try PairedComparison.compare([1, 2, 3], [1, 2]) } == .invalidArgument)
        #expect(thrownKind { _ = try PairedComparison.compare([1], [2]) } == .insufficientData)
        #expect(thrownKind { _ = try PairedComparison.compare([1, 2], [2, .nan]) } == .invalidArgument)
        #expect(thrownKind { _ = try PairedComparison.compare([1, 2], [2, 3], level: 1.5) } == .invalidArgument)
    }
}
