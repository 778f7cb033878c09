import TestSupport
import Testing

@testable import Statistics

@Suite struct ChiSquareTestTests {
    // A die rolled 60 times with faces 1-6 seen 5, 8, 9, 8, 10, 20 times against a
    // fair die (10 each). Hand-worked statistic (25+4+1+4+0+100)/10 = 13.4 with
    // 5 degrees of freedom; p-value from scipy.stats.chisquare = 0.01990522033477438
    // (tables: 0.01 < p < 0.025). Tolerance 1e-12 (statistic), 1e-10 (p).
    @Test func loadedDie() throws {
        let test = try ChiSquareTest.goodnessOfFit(
            observed: [5, 8, 9, 8, 10, 20], expected: Array(repeating: 10, count: 6))
        #expect(isClose(test.statistic, 13.4, within: 1e-12))
        #expect(test.degreesOfFreedom == 5)
        #expect(isClose(test.pValue, 0.01990522033477438, within: 1e-10))
    }

    // Source: scipy.stats.chisquare(..., ddof=1) = 0.009478021650585809 (4 degrees of freedom).
    @Test func estimatedParameterRemovesADegreeOfFreedom() throws {
        let test = try ChiSquareTest.goodnessOfFit(
            observed: [5, 8, 9, 8, 10, 20], expected: Array(repeating: 10, count: 6), estimatedParameters: 1)
        #expect(test.degreesOfFreedom == 4)
        #expect(isClose(test.pValue, 0.009478021650585809, within: 1e-10))
    }

    @Test func perfectFitHasPValueOne() throws {
        let test = try ChiSquareTest.goodnessOfFit(observed: [10, 20, 30], expected: [10, 20, 30])
        #expect(test.statistic == 0)
        #expect(test.pValue == 1)
    }

    @Test func expectedIsNotRescaled() throws {
        // Observed total 20 against expected total 10: the statistic includes the excess.
        let test = try ChiSquareTest.goodnessOfFit(observed: [10, 10], expected: [5, 5])
        #expect(test.statistic == 10)
    }

    @Test func rejectsBadInput() {
        #expect(
            thrownKind { _ = try ChiSquareTest.goodnessOfFit(observed: [1, 2, 3], expected: [1, 2]) }
                == .invalidArgument)
        #expect(
            thrownKind { _ = try ChiSquareTest.goodnessOfFit(observed: [1, 2], expected: [1, 0]) } == .invalidArgument)
        #expect(
            thrownKind { _ = try ChiSquareTest.goodnessOfFit(observed: [-1, 2], expected: [1, 1]) } == .invalidArgument)
        #expect(thrownKind { _ = try ChiSquareTest.goodnessOfFit(observed: [1], expected: [1]) } == .invalidArgument)
        #expect(
            thrownKind {
                _ = try ChiSquareTest.goodnessOfFit(observed: [1, 2], expected: [1, 2], estimatedParameters: 1)
            } == .invalidArgument)
        #expect(
            thrownKind { _ = try ChiSquareTest.goodnessOfFit(observed: [1, .nan], expected: [1, 2]) }
                == .invalidArgument)
    }
}
