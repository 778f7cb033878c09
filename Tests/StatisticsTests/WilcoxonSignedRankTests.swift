import TestSupport
import Testing

@testable import Statistics

@Suite struct WilcoxonSignedRankTests {
    // Hand-worked: three positive differences give W+ = 6, the largest of the 2^3
    // equally likely sign patterns, so the two-sided exact p is 2 * 1/8. Exact.
    @Test func allPositiveSmallSample() throws {
        let test = try WilcoxonSignedRank(differences: [1, 2, 3])
        #expect(test.statistic == 6)
        #expect(test.exact)
        #expect(test.pValue == 0.25)
    }

    // Source: scipy.stats.wilcoxon(d, method="exact") with d_i = i * (-1)^i, i = 1...50:
    // p = 0.9085978224870299 (scipy reports min(W+, W-) = 625; W+ = 2+4+...+50 = 650).
    // 50 nonzero differences without ties is the largest exact case. Tolerance 1e-12.
    @Test func exactAtFifty() throws {
        let d = (1...50).map { Double($0 % 2 == 0 ? $0 : -$0) }
        let test = try WilcoxonSignedRank(differences: d)
        #expect(test.statistic == 650)
        #expect(test.exact)
        #expect(isClose(test.pValue, 0.9085978224870299, within: 1e-12))
    }

    // Source: scipy.stats.wilcoxon(d, method="approx", correction=True), i = 1...51:
    // p = 0.9067266583852887. Above 50 pairs the normal approximation is used. Tolerance 1e-12.
    @Test func normalApproximationAboveFifty() throws {
        let d = (1...51).map { Double($0 % 2 == 0 ? $0 : -$0) }
        let test = try WilcoxonSignedRank(differences: d)
        #expect(test.statistic == 650)
        #expect(!test.exact)
        #expect(isClose(test.pValue, 0.9067266583852887, within: 1e-12))
    }

    // Hand-worked: [5, 3, 5, 1, 3, 3] ranks as 1 -> 1, three 3s -> 3, two 5s -> 5.5.
    @Test func averageRanks() {
        let (ranks, ties) = AverageRanks.of([5, 3, 5, 1, 3, 3])
        #expect(ranks == [5.5, 3, 5.5, 1, 3, 3])
        #expect(ties == [3, 2])
    }
}
