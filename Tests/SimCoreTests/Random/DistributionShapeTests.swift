import Testing

@testable import SimCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-distribution checks where the CDF F has a closed form: if X ~ F then F(X) is uniform,
/// so the 20 equiprobable cells floor(20 F(X)) must pass Pearson's χ² on 19 dof (0.999 quantile
/// 43.820). This tests tails and shape, not only the first two moments. Plus golden values that
/// pin each algorithm (relative tolerance 1e-12, so that last-ulp differences between platform
/// math libraries do not matter, while any change of method does).
@Suite struct DistributionShapeTests {
    typealias Stats = RandomTestStatistics
    static let cells = 20

    private func cdfCellsFit(seed: UInt64, draw: (inout RandomSource) -> Double, cdf: (Double) -> Double)
        -> (statistic: Double, dof: Int, critical: Double)
    {
        var random = RandomSource(seed: seed)
        let counts = Stats.histogram(cells: Self.cells, n: Stats.draws) {
            let u = cdf(draw(&random))
            return Swift.min(Self.cells - 1, Swift.max(0, Int(u * Double(Self.cells))))
        }
        return Stats.goodnessOfFit(
            counts: counts, probabilities: Array(repeating: 1 / Double(Self.cells), count: Self.cells))
    }

    private static func standardNormalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    @Test func uniformShape() {
        let fit = cdfCellsFit(seed: 31, draw: { $0.uniform(in: 10..<14) }, cdf: { ($0 - 10) / 4 })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func normalShape() {
        let fit = cdfCellsFit(
            seed: 32, draw: { $0.normal(mean: -1, sd: 3) }, cdf: { Self.standardNormalCDF(($0 + 1) / 3) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func exponentialShape() {
        let fit = cdfCellsFit(seed: 33, draw: { $0.exponential(rate: 0.7) }, cdf: { -expm1(-0.7 * $0) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func logNormalShape() {
        let fit = cdfCellsFit(
            seed: 34, draw: { $0.logNormal(mu: 1, sigma: 2) }, cdf: { Self.standardNormalCDF((log($0) - 1) / 2) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func paretoShape() {
        // A heavy tail (shape 1.2: finite mean, infinite variance) that moment tests cannot check.
        let fit = cdfCellsFit(seed: 35, draw: { $0.pareto(scale: 3, shape: 1.2) }, cdf: { 1 - pow(3 / $0, 1.2) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func gammaShapeOneIsExponential() {
        let fit = cdfCellsFit(seed: 36, draw: { $0.gamma(shape: 1, scale: 2) }, cdf: { -expm1(-$0 / 2) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func gammaShapeOneHalfIsAScaledChiSquare() {
        // X ~ Gamma(1/2, θ) means X/θ = Z²/2 for a standard normal Z, so F(x) = erf(√(x/θ)).
        // Exercises the shape < 1 boost.
        let fit = cdfCellsFit(seed: 37, draw: { $0.gamma(shape: 0.5, scale: 3) }, cdf: { erf(($0 / 3).squareRoot()) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func betaOneHalfIsTheArcsineLaw() {
        let fit = cdfCellsFit(
            seed: 38, draw: { $0.beta(a: 0.5, b: 0.5) }, cdf: { 2 / Double.pi * asin($0.squareRoot()) })
        #expect(fit.statistic < fit.critical, "χ² = \(fit.statistic)")
    }

    @Test func betaWithOneUnitParameterHasAPowerLawCDF() {
        // Beta(a, 1) has F(x) = x^a; Beta(1, b) has F(x) = 1 - (1 - x)^b.
        let small = cdfCellsFit(seed: 39, draw: { $0.beta(a: 0.2, b: 1) }, cdf: { pow($0, 0.2) })
        #expect(small.statistic < small.critical, "χ² = \(small.statistic)")
        let large = cdfCellsFit(seed: 40, draw: { $0.beta(a: 1, b: 4) }, cdf: { 1 - pow(1 - $0, 4) })
        #expect(large.statistic < large.critical, "χ² = \(large.statistic)")
    }

    // MARK: - Golden values

    private func expectClose(_ actual: [Double], _ expected: [Double], _ name: String) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) <= 1e-12 * Swift.max(abs(e), 1e-300), "\(name): \(a) vs golden \(e)")
        }
    }

    @Test func goldenDraws() {
        var random = RandomSource(seed: 1)
        expectClose((0..<3).map { _ in random.normal(mean: 0, sd: 1) }, Self.goldenNormal, "normal")
        expectClose((0..<3).map { _ in random.exponential(rate: 1) }, Self.goldenExponential, "exponential")
        expectClose((0..<3).map { _ in random.gamma(shape: 2.5, scale: 1) }, Self.goldenGamma, "gamma(2.5)")
        expectClose((0..<3).map { _ in random.gamma(shape: 0.4, scale: 1) }, Self.goldenSmallGamma, "gamma(0.4)")
        expectClose((0..<3).map { _ in random.beta(a: 2, b: 3) }, Self.goldenBeta, "beta(2, 3)")
        expectClose((0..<3).map { _ in random.beta(a: 0.5, b: 3) }, Self.goldenSmallBeta, "beta(0.5, 3)")
    }

    // Seed 1, drawn in this order; values from the independent Python reference implementation.
    static let goldenNormal: [Double] = [1.884396104787977, 1.302090250702661, 0.43832091511541]
    static let goldenExponential: [Double] = [0.0736952131172985, 0.4799480259685488, 2.0185533105161544]
    static let goldenGamma: [Double] = [2.298967946810091, 2.997410471054103, 2.1493699561516277]
    static let goldenSmallGamma: [Double] = [0.20856499389814107, 0.05792486013456514, 0.07569310726423845]
    static let goldenBeta: [Double] = [0.3585108153756042, 0.8922481340412513, 0.4464089537957215]
    static let goldenSmallBeta: [Double] = [0.0012047974027180246, 0.02326229119586412, 0.3286567199042119]
}
