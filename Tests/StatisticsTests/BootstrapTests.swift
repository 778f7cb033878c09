import TestSupport
import Testing

@testable import Statistics

@Suite struct BootstrapTests {
    static let sample: [Double] = [2, 4, 4, 4, 5, 5, 7, 9, 13.5, -1]

    // Source: an independent Python re-implementation of the documented procedure:
    // numpy's MT19937 with legacy seeding (the same init_genrand as GSL's mt19937_set),
    // GSL's gsl_rng_uniform_int rejection rule (k = raw / (0xffffffff / n), redrawn
    // while k >= n), numpy.quantile (linear). Tolerance 1e-12 (means are summed in
    // a different order).
    @Test(arguments: [
        (0.90, 200, UInt64(42), 3.35, 6.9025),
        (0.95, 2000, UInt64(7), 2.9, 7.6),
    ])
    func matchesIndependentReimplementation(level: Double, resamples: Int, seed: UInt64, low: Double, high: Double)
        throws
    {
        let interval = try Bootstrap.percentileIntervalOfMean(
            of: Self.sample, level: level, resamples: resamples, seed: seed)
        #expect(interval.estimate == 5.25)
        #expect(interval.level == level)
        #expect(isClose(interval.low, low, within: 1e-12))
        #expect(isClose(interval.high, high, within: 1e-12))
    }

    @Test func sameSeedGivesIdenticalInterval() throws {
        let first = try Bootstrap.percentileIntervalOfMean(of: Self.sample, seed: 123)
        let second = try Bootstrap.percentileIntervalOfMean(of: Self.sample, seed: 123)
        #expect(first == second)
        let median = { (values: [Double]) -> Double in (try? Summary(of: values).median) ?? .nan }
        let m1 = try Bootstrap.percentileInterval(of: Self.sample, resamples: 500, seed: 9, statistic: median)
        let m2 = try Bootstrap.percentileInterval(of: Self.sample, resamples: 500, seed: 9, statistic: median)
        #expect(m1 == m2)
    }

    @Test func differentSeedsGiveDifferentIntervals() throws {
        let intervals = try (1...5).map { try Bootstrap.percentileIntervalOfMean(of: Self.sample, seed: UInt64($0)) }
        let distinct = Set(intervals.map { "\($0.low) \($0.high)" })
        #expect(distinct.count > 1)
    }

    @Test func coversTheMeanOfASimpleSample() throws {
        let values = (1...20).map(Double.init)
        let interval = try Bootstrap.percentileIntervalOfMean(of: values, seed: 2024)
        #expect(interval.estimate == 10.5)
        #expect(interval.low < 10.5 && 10.5 < interval.high)
        // The t-interval is 10.5 +- 2.77; the bootstrap one should be of similar width.
        #expect(interval.width > 3 && interval.width < 8)
    }

    @Test func singleValueGivesAPoint() throws {
        let interval = try Bootstrap.percentileIntervalOfMean(of: [4], resamples: 10, seed: 1)
        #expect(interval == ConfidenceInterval(estimate: 4, low: 4, high: 4, level: 0.95))
    }

    @Test func rejectsBadInput() {
        #expect(
            thrownKind { _ = try Bootstrap.percentileIntervalOfMean(of: [1, 2], level: 1.5, seed: 1) }
                == .invalidArgument)
        #expect(
            thrownKind { _ = try Bootstrap.percentileIntervalOfMean(of: [1, 2], resamples: 0, seed: 1) }
                == .invalidArgument)
        #expect(thrownKind { _ = try Bootstrap.percentileIntervalOfMean(of: [], seed: 1) } == .insufficientData)
        #expect(
            thrownKind { _ = try Bootstrap.percentileIntervalOfMean(of: [1, .infinity], seed: 1) } == .invalidArgument)
        #expect(
            thrownKind { _ = try Bootstrap.percentileInterval(of: [1, 2], seed: 1) { _ in .nan } } == .invalidArgument)
    }
}
