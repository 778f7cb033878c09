import TestSupport
import Testing

@testable import Statistics

@Suite struct SummaryTests {
    // Source: numpy 2.x on the same values: mean 5.25, std(ddof=1) 3.9387674326988247,
    // percentile (default 'linear', Hyndman-Fan type 7) 50/90/99 = 4.5, 9.45, 13.095.
    // Tolerance 1e-12.
    @Test func matchesNumPy() throws {
        let summary = try Summary(of: [2, 4, 4, 4, 5, 5, 7, 9, 13.5, -1])
        #expect(summary.n == 10)
        #expect(isClose(summary.mean, 5.25, within: 1e-12))
        #expect(isClose(summary.sd, 3.9387674326988247, within: 1e-12))
        #expect(summary.min == -1)
        #expect(summary.max == 13.5)
        #expect(isClose(summary.median, 4.5, within: 1e-12))
        #expect(isClose(summary.p90, 9.45, within: 1e-12))
        #expect(isClose(summary.p99, 13.095, within: 1e-12))
    }

    // Hand-worked: 1, 2, 3, 4 has mean 2.5, variance (2.25+0.25+0.25+2.25)/3 = 5/3,
    // median (2+3)/2; p90 at h = 0.9*3 = 2.7 -> 3 + 0.7*(4-3) = 3.7. Tolerance 1e-12.
    @Test func handWorkedFourValues() throws {
        let summary = try Summary(of: [4, 1, 3, 2])
        #expect(isClose(summary.sd, (5.0 / 3).squareRoot(), within: 1e-12))
        #expect(summary.median == 2.5)
        #expect(isClose(summary.p90, 3.7, within: 1e-12))
        #expect(isClose(summary.p99, 3.97, within: 1e-12))
    }

    @Test func singleValueHasNaNStandardDeviation() throws {
        let summary = try Summary(of: [7])
        #expect(summary.n == 1)
        #expect(summary.mean == 7)
        #expect(summary.sd.isNaN)
        #expect([summary.min, summary.max, summary.median, summary.p90, summary.p99] == [7, 7, 7, 7, 7])
    }

    @Test func rejectsEmptyAndNonFinite() {
        #expect(thrownKind { _ = try Summary(of: []) } == .insufficientData)
        #expect(thrownKind { _ = try Summary(of: [1, .nan]) } == .invalidArgument)
        #expect(thrownKind { _ = try Summary(of: [-.infinity, 1]) } == .invalidArgument)
    }

    // Definition check for the public quantile: type 7 on 10, 20, 30 (hand-worked).
    @Test func quantileOfSorted() throws {
        #expect(try Quantile.ofSorted([10, 20, 30], probability: 0) == 10)
        #expect(try Quantile.ofSorted([10, 20, 30], probability: 0.25) == 15)
        #expect(try Quantile.ofSorted([10, 20, 30], probability: 1) == 30)
        #expect(thrownKind { _ = try Quantile.ofSorted([1, 2], probability: 1.1) } == .invalidArgument)
        #expect(thrownKind { _ = try Quantile.ofSorted([], probability: 0.5) } == .insufficientData)
    }
}
