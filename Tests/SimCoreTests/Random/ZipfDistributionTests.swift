import Testing

@testable import SimCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Zipf frequencies against the exact probabilities (i + 1)^(-α) / H(N, α), with the
/// generalised harmonic number H(N, α) summed directly.
@Suite struct ZipfDistributionTests {
    typealias Stats = RandomTestStatistics

    /// Exact probabilities of items 0 ..< n.
    static func probabilities(items n: Int, exponent alpha: Double) -> [Double] {
        let weights = (1...n).map { pow(Double($0), -alpha) }
        // Sum smallest first for accuracy.
        let harmonic = weights.reversed().reduce(0, +)
        return weights.map { $0 / harmonic }
    }

    private func counts(_ zipf: ZipfDistribution, seed: UInt64, n: Int = Stats.draws) -> [Int] {
        var random = RandomSource(seed: seed)
        return Stats.histogram(cells: zipf.items, n: n) { zipf.sample(using: &random) }
    }

    @Test(arguments: [0.0, 0.5, 1.0, 1.5])
    func fiftyItemsMatchTheExactLaw(alpha: Double) throws {
        // 200,000 draws over N = 50: every expected count is at least 200,000 · p(49) >= 236,
        // so all 50 cells are kept: χ² on 49 dof, 0.999 quantile 85.351 (standard table).
        let zipf = try ZipfDistribution(items: 50, exponent: alpha)
        let fit = Stats.goodnessOfFit(
            counts: counts(zipf, seed: 41), probabilities: Self.probabilities(items: 50, exponent: alpha))
        #expect(fit.dof == 49)
        #expect(fit.critical == 85.351)
        #expect(fit.statistic < fit.critical, "α = \(alpha): χ² = \(fit.statistic)")
    }

    @Test(arguments: [2.0, 3.5, 0.999_999, 1.000_001])
    func otherExponentsMatchTheExactLaw(alpha: Double) throws {
        // Steep laws leave the tail with tiny expected counts; those cells are pooled.
        let zipf = try ZipfDistribution(items: 50, exponent: alpha)
        let fit = Stats.goodnessOfFit(
            counts: counts(zipf, seed: 42), probabilities: Self.probabilities(items: 50, exponent: alpha))
        #expect(fit.statistic < fit.critical, "α = \(alpha): χ² = \(fit.statistic) on \(fit.dof) dof")
    }

    @Test func oneItemAlwaysGivesZero() throws {
        var random = RandomSource(seed: 43)
        for alpha in [0.0, 0.5, 1.0, 1.5, 10.0] {
            let zipf = try ZipfDistribution(items: 1, exponent: alpha)
            #expect((0..<1000).allSatisfy { _ in zipf.sample(using: &random) == 0 }, "α = \(alpha)")
        }
    }

    @Test(arguments: [0.0, 0.5, 1.0, 1.5])
    func twoItems(alpha: Double) throws {
        // p(0) = 1 / (1 + 2^-α); χ² on 1 dof, 0.999 quantile 10.828.
        let zipf = try ZipfDistribution(items: 2, exponent: alpha)
        let fit = Stats.goodnessOfFit(
            counts: counts(zipf, seed: 44), probabilities: Self.probabilities(items: 2, exponent: alpha))
        #expect(fit.dof == 1)
        #expect(fit.statistic < fit.critical, "α = \(alpha): χ² = \(fit.statistic)")
    }

    @Test func millionItemsHeadAndTail() throws {
        // N = 10^6, α = 1: cells for items 0 ..< 20, then the tail split into 10 bands of
        // increasing width; 29 dof, 0.999 quantile 58.301.
        let n = 1_000_000
        let zipf = try ZipfDistribution(items: n, exponent: 1)
        let p = Self.probabilities(items: n, exponent: 1)
        let edges = [0] + Array(1...20) + [50, 100, 300, 1000, 3000, 10_000, 30_000, 100_000, 300_000, n]
        var random = RandomSource(seed: 45)
        let banded = Stats.histogram(cells: edges.count - 1, n: Stats.draws) {
            let item = zipf.sample(using: &random)
            var band = 0
            while item >= edges[band + 1] { band += 1 }
            return band
        }
        let bandProbabilities = (0..<(edges.count - 1)).map { p[edges[$0]..<edges[$0 + 1]].reduce(0, +) }
        let fit = Stats.goodnessOfFit(counts: banded, probabilities: bandProbabilities)
        #expect(fit.dof == 29)
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func samplesStayInRange() throws {
        var random = RandomSource(seed: 46)
        for (items, alpha) in [(3, 0.0), (7, 1.0), (1000, 0.3), (1000, 8.0), (Int(1) << 40, 1.0), (Int(1) << 40, 1.1)] {
            let zipf = try ZipfDistribution(items: items, exponent: alpha)
            for _ in 0..<5000 {
                let k = zipf.sample(using: &random)
                #expect(k >= 0 && k < items, "N = \(items), α = \(alpha): \(k)")
            }
        }
    }

    @Test func exponentsCloseToOneBehaveLikeOne() throws {
        // The helpers log1p(t)/t and expm1(t)/t make the method continuous across α = 1: with
        // the same uniforms, α = 1 ± 1e-12 must pick the same item almost always.
        let one = try ZipfDistribution(items: 100_000, exponent: 1)
        for alpha in [1 - 1e-12, 1 + 1e-12] {
            let near = try ZipfDistribution(items: 100_000, exponent: alpha)
            var a = RandomSource(seed: 47)
            var b = RandomSource(seed: 47)
            var same = 0
            for _ in 0..<10_000 where one.sample(using: &a) == near.sample(using: &b) { same += 1 }
            #expect(same >= 9990, "α = \(alpha): \(same) of 10000 equal")
        }
    }

    @Test(arguments: [0.0, 0.5, 1.0, 1.5, 2.0, 3.0])
    func squeezeNeverAcceptsWhatTheExactTestRejects(alpha: Double) throws {
        // Soundness of the squeeze: for every k >= 2, k - 𝓗⁻¹(𝓗(k + 1/2) - h(k)) >= s.
        let zipf = try ZipfDistribution(items: 10_000, exponent: alpha)
        let om = zipf.oneMinusExponent
        let r = zipf.reciprocalOneMinusExponent
        for k in 2...2000 {
            let kd = Double(k)
            let boundary = ZipfDistribution.inverseIntegral(
                ZipfDistribution.integral(kd + 0.5, om) - ZipfDistribution.weight(kd, alpha), om, r)
            #expect(kd - boundary >= zipf.squeeze - 1e-9, "α = \(alpha), k = \(k)")
        }
    }

    @Test func goldenSamples() throws {
        // From the independent Python reference implementation of the same algorithm.
        let cases: [(items: Int, alpha: Double, expected: [Int])] = [
            (1000, 1.0, [4, 123, 1, 0, 0, 0, 633, 456, 47, 319, 16, 3]),
            (1000, 0.8, [19, 294, 4, 0, 0, 2, 784, 654, 151, 533, 64, 14]),
            (1_000_000, 1.2, [2, 168, 0, 0, 0, 0, 29756, 6324, 34, 1777, 9, 1]),
            (50, 0.0, [14, 36, 8, 0, 0, 6, 46, 44, 29, 42, 22, 13]),
            (10, 3.0, [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]),
        ]
        for c in cases {
            let zipf = try ZipfDistribution(items: c.items, exponent: c.alpha)
            var random = RandomSource(seed: 7)
            #expect((0..<12).map { _ in zipf.sample(using: &random) } == c.expected, "N = \(c.items), α = \(c.alpha)")
        }
    }

    @Test func invalidParametersThrow() {
        #expect(throws: DistributionError.invalidItemCount(0)) { try ZipfDistribution(items: 0, exponent: 1) }
        #expect(throws: DistributionError.invalidItemCount(-5)) { try ZipfDistribution(items: -5, exponent: 1) }
        #expect(throws: DistributionError.invalidExponent(-0.5)) { try ZipfDistribution(items: 10, exponent: -0.5) }
        #expect(throws: DistributionError.invalidExponent(.infinity)) {
            try ZipfDistribution(items: 10, exponent: .infinity)
        }
        #expect(throws: DistributionError.self) { try ZipfDistribution(items: 10, exponent: .nan) }
    }
}
