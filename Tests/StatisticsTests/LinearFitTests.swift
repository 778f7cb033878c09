import TestSupport
import Testing

@testable import Statistics

@Suite struct LinearFitTests {
    /// Anscombe's quartet, set 1 (Anscombe 1973, "Graphs in statistical analysis").
    static let anscombeX: [Double] = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    static let anscombeY: [Double] = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]

    // Source: Anscombe (1973): intercept 3.0001, slope 0.5001, slope SE 0.1179, R^2 0.667;
    // full digits from scipy.stats.linregress. Tolerance 1e-9.
    @Test func anscombeSetOne() throws {
        let fit = try LinearFit.ordinaryLeastSquares(x: Self.anscombeX, y: Self.anscombeY)
        #expect(fit.n == 11)
        #expect(isClose(fit.intercept, 3.0000909090909103, within: 1e-9))
        #expect(isClose(fit.slope, 0.5000909090909091, within: 1e-9))
        #expect(isClose(fit.interceptStandardError, 1.1247467908086437, within: 1e-9))
        #expect(isClose(fit.slopeStandardError, 0.11790550059563408, within: 1e-9))
        #expect(isClose(fit.residualSumOfSquares, 13.76269, within: 1e-9))
        #expect(isClose(fit.rSquared, 0.666542459508775, within: 1e-9))
    }

    // Source: slope +- t(0.975, 9) * SE with scipy values: (0.2333701363851875, 0.7668116817966308).
    // Tolerance 1e-9.
    @Test func anscombeSlopeInterval() throws {
        let fit = try LinearFit.ordinaryLeastSquares(x: Self.anscombeX, y: Self.anscombeY)
        let interval = try fit.slopeInterval()
        #expect(interval.estimate == fit.slope)
        #expect(isClose(interval.low, 0.2333701363851875, within: 1e-9))
        #expect(isClose(interval.high, 0.7668116817966308, within: 1e-9))
        #expect(thrownKind { _ = try fit.slopeInterval(level: 1.5) } == .invalidArgument)
    }

    // Exact power law y = 3 x^1.5: exponent 1.5, intercept ln 3 = 1.0986122886681098,
    // residuals only from rounding. Tolerance 1e-12 (coefficients), 1e-6 (SE).
    @Test func logLogRecoversExactPowerLaw() throws {
        let x: [Double] = [1, 2, 4, 8, 16, 32, 64]
        let y = x.map { 3 * $0 * $0.squareRoot() }
        let fit = try LinearFit.logLog(x: x, y: y)
        #expect(isClose(fit.slope, 1.5, within: 1e-12))
        #expect(isClose(fit.intercept, 1.0986122886681098, within: 1e-12))
        #expect(fit.slopeStandardError < 1e-6)
    }

    // Source: scipy.stats.linregress(np.log(x), np.log(y)). Tolerance 1e-9.
    @Test func logLogMatchesSciPyOnNoisyData() throws {
        let fit = try LinearFit.logLog(x: [1, 2, 4, 8, 16, 32], y: [2.1, 3.9, 8.5, 15.2, 33.0, 61.0])
        #expect(isClose(fit.slope, 0.982372474623258, within: 1e-9))
        #expect(isClose(fit.intercept, 0.7262877081968593, within: 1e-9))
        #expect(isClose(fit.slopeStandardError, 0.017180122664786555, within: 1e-9))
        #expect(isClose(fit.interceptStandardError, 0.03605433095370479, within: 1e-9))
        #expect(isClose(fit.rSquared, 0.9987781183002922, within: 1e-9))
    }

    @Test func constantYGivesZeroSlopeAndNaNRSquared() throws {
        let fit = try LinearFit.ordinaryLeastSquares(x: [1, 2, 3, 4], y: [5, 5, 5, 5])
        #expect(fit.slope == 0)
        #expect(fit.slopeStandardError == 0)
        #expect(fit.rSquared.isNaN)
        let interval = try fit.slopeInterval()
        #expect(interval.low == 0 && interval.high == 0)
    }

    @Test func rejectsBadInput() {
        #expect(thrownKind { _ = try LinearFit.logLog(x: [1, 2, 3], y: [1, 0, 3]) } == .invalidArgument)
        #expect(thrownKind { _ = try LinearFit.logLog(x: [0, 2, 3], y: [1, 2, 3]) } == .invalidArgument)
        #expect(thrownKind { _ = try LinearFit.logLog(x: [-1, 2, 3], y: [1, 2, 3]) } == .invalidArgument)
        #expect(thrownKind { _ = try LinearFit.ordinaryLeastSquares(x: [1, 2, 3], y: [1, 2]) } == .invalidArgument)
        #expect(thrownKind { _ = try LinearFit.ordinaryLeastSquares(x: [1, 2], y: [1, 2]) } == .insufficientData)
        #expect(thrownKind { _ = try LinearFit.ordinaryLeastSquares(x: [2, 2, 2], y: [1, 2, 3]) } == .invalidArgument)
        #expect(
            thrownKind { _ = try LinearFit.ordinaryLeastSquares(x: [1, 2, .nan], y: [1, 2, 3]) } == .invalidArgument)
    }
}
