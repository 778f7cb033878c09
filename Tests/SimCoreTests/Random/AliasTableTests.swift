import Testing

@testable import SimCore

@Suite struct AliasTableTests {
    typealias Stats = RandomTestStatistics

    static let weights: [Double] = [1, 2, 3, 4, 0, 10, 0.5, 7, 3, 2]

    private func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    @Test func frequenciesMatchTheWeights() throws {
        // 9 positive weights: χ² on 8 dof, 0.999 quantile 26.124. The zero-weight outcome must
        // never appear (its expected count 0 is pooled into the last kept cell).
        let table = try AliasTable(weights: Self.weights)
        var random = RandomSource(seed: 51)
        let counts = Stats.histogram(cells: table.count, n: Stats.draws) { table.sample(using: &random) }
        #expect(counts[4] == 0)
        let fit = Stats.goodnessOfFit(counts: counts, probabilities: normalised(Self.weights))
        #expect(fit.dof == 8)
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic), counts \(counts)")
    }

    @Test func tableEncodesTheWeightsExactlyUpToRounding() throws {
        var random = RandomSource(seed: 52)
        for trial in 0..<50 {
            let k = 1 + random.nextInt(below: 300)
            // A mix of zeros, tiny and large weights.
            let weights = (0..<k).map { _ -> Double in
                switch random.nextInt(below: 4) {
                case 0: return 0
                case 1: return random.nextDouble() * 1e-6
                default: return random.exponential(rate: 1)
                }
            }
            guard weights.contains(where: { $0 > 0 }) else { continue }
            let table = try AliasTable(weights: weights)
            let expected = normalised(weights)
            for (i, (p, e)) in zip(table.probabilities, expected).enumerated() {
                #expect(abs(p - e) <= 1e-12, "trial \(trial), outcome \(i)")
                if e == 0 { #expect(p == 0, "trial \(trial): zero weight \(i) has mass \(p)") }
            }
        }
    }

    @Test func extremeScalesDoNotOverflow() throws {
        for scale in [1e-300, 1.0, 1e300] {
            let table = try AliasTable(weights: Self.weights.map { $0 * scale })
            for (p, e) in zip(table.probabilities, normalised(Self.weights)) {
                #expect(abs(p - e) <= 1e-12, "scale \(scale)")
            }
        }
        let huge = try AliasTable(weights: [.greatestFiniteMagnitude, .greatestFiniteMagnitude])
        #expect(huge.probabilities == [0.5, 0.5])
    }

    @Test func degenerateTables() throws {
        var random = RandomSource(seed: 53)
        let single = try AliasTable(weights: [3])
        #expect((0..<100).allSatisfy { _ in single.sample(using: &random) == 0 })
        let onlyLast = try AliasTable(weights: [0, 0, 5])
        #expect((0..<100).allSatisfy { _ in onlyLast.sample(using: &random) == 2 })
        #expect(onlyLast.count == 3)
    }

    @Test func goldenSamples() throws {
        let table = try AliasTable(weights: Self.weights)
        var random = RandomSource(seed: 7)
        #expect((0..<12).map { _ in table.sample(using: &random) } == Self.golden)
    }

    /// From the independent Python reference implementation of the same construction.
    static let golden: [Int] = [7, 7, 7, 0, 5, 5, 7, 5, 2, 1, 5, 7]

    @Test func invalidWeightsThrow() {
        #expect(throws: DistributionError.emptyWeights) { try AliasTable(weights: []) }
        #expect(throws: DistributionError.negativeWeight(index: 1, value: -1)) { try AliasTable(weights: [1, -1, 2]) }
        #expect(throws: DistributionError.nonFiniteWeight(index: 0)) { try AliasTable(weights: [.nan, 1]) }
        #expect(throws: DistributionError.nonFiniteWeight(index: 2)) { try AliasTable(weights: [1, 1, .infinity]) }
        #expect(throws: DistributionError.allWeightsZero) { try AliasTable(weights: [0, 0, 0]) }
    }
}
