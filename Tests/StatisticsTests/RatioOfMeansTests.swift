import Foundation
import Testing

@testable import Statistics

@Suite struct RatioOfMeansTests {
    @Test func deltaMethodMatchesTheFormula() throws {
        let a = [2.0, 2.4, 1.9, 2.2, 2.5]
        let b = [1.0, 1.3, 0.9, 1.0, 1.2]
        let interval = try RatioOfMeans.interval(a, b)
        let n = 5.0
        let ma = a.reduce(0, +) / n
        let mb = b.reduce(0, +) / n
        let r = ma / mb
        let va = a.map { ($0 - ma) * ($0 - ma) }.reduce(0, +) / (n - 1)
        let vb = b.map { ($0 - mb) * ($0 - mb) }.reduce(0, +) / (n - 1)
        let cov = zip(a, b).map { ($0 - ma) * ($1 - mb) }.reduce(0, +) / (n - 1)
        let se = ((va - 2 * r * cov + r * r * vb) / n).squareRoot() / mb
        let t = 2.7764451051977987  // t(0.975, 4)
        #expect(abs(interval.estimate - r) < 1e-12)
        #expect(abs(interval.low - (r - t * se)) < 1e-9 && abs(interval.high - (r + t * se)) < 1e-9)
    }

    @Test func pairingNarrowsTheInterval() throws {
        // b moves with a (common random numbers): the ratio is exactly 2 at every seed.
        let b = [1.0, 1.5, 0.8, 1.2]
        let interval = try RatioOfMeans.interval(b.map { 2 * $0 }, b)
        #expect(abs(interval.low - 2) < 1e-12 && abs(interval.high - 2) < 1e-12)
        let single = try RatioOfMeans.interval([3], [2])
        #expect(single.low == 1.5 && single.high == 1.5)
    }

    @Test func badInputThrows() {
        #expect(throws: StatisticsError.self) { try RatioOfMeans.interval([1, 2], [0, 0]) }
        #expect(throws: StatisticsError.self) { try RatioOfMeans.interval([1, 2], [1]) }
        #expect(throws: StatisticsError.self) { try RatioOfMeans.interval([], []) }
    }
}
