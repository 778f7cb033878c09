import TestSupport
import Testing

@testable import Statistics

@Suite struct StudentTTests {
    // Source: t tables; values to 16 digits from scipy.stats.t.ppf 1.17.1.
    // Tolerance 1e-9 (GSL's inverse CDF is iterative).
    @Test(arguments: [
        (0.975, 9.0, 2.262157162798205),
        (0.995, 4.0, 4.604094871349992),
        (0.05, 30.0, -1.6972608865939574),
        (0.5, 7.0, 0.0),
    ])
    func quantileMatchesTable(p: Double, dof: Double, expected: Double) throws {
        #expect(isClose(try StudentT.quantile(p, degreesOfFreedom: dof), expected, within: 1e-9))
    }

    @Test func quantileAtZeroAndOneIsInfinite() throws {
        #expect(try StudentT.quantile(0, degreesOfFreedom: 5) == -.infinity)
        #expect(try StudentT.quantile(1, degreesOfFreedom: 5) == .infinity)
    }

    // Without gsl_set_error_handler_off these calls abort the process inside GSL
    // (beta.c / gamma.c "domain error"); here they must throw instead.
    @Test(arguments: [(1.5, 9.0), (-0.5, 9.0), (0.975, -1.0), (0.975, 0.0)])
    func gslDomainErrorIsThrown(p: Double, dof: Double) {
        #expect(thrownKind { _ = try StudentT.quantile(p, degreesOfFreedom: dof) } == .gsl(status: gslDomainError))
    }

    @Test func gslErrorCarriesFunctionAndReason() {
        let expected = StatisticsError.gsl(function: "gsl_cdf_tdist_Pinv", status: 1, reason: "input domain error")
        #expect(throws: expected) { try StudentT.quantile(1.5, degreesOfFreedom: 9) }
        #expect(expected.description == "gsl_cdf_tdist_Pinv failed: input domain error (GSL status 1)")
    }

    @Test func nanArgumentsAreInvalid() {
        #expect(thrownKind { _ = try StudentT.quantile(.nan, degreesOfFreedom: 3) } == .invalidArgument)
        #expect(thrownKind { _ = try StudentT.quantile(0.5, degreesOfFreedom: .nan) } == .invalidArgument)
    }

    // Source: R `t.test(sleep$extra[1:10])`: mean 0.75, 95% CI (-0.5297804, 2.0297804);
    // full digits and the 90% interval from scipy (mean +- t.ppf * sd/sqrt(n)). Tolerance 1e-9.
    @Test func meanIntervalOfSleepGroupOne() throws {
        let ci95 = try StudentT.meanInterval(of: SleepData.drug1)
        #expect(ci95.estimate == 0.75)
        #expect(ci95.level == 0.95)
        #expect(isClose(ci95.low, -0.5297804135262318, within: 1e-9))
        #expect(isClose(ci95.high, 2.0297804135262316, within: 1e-9))
        let ci90 = try StudentT.meanInterval(of: SleepData.drug1, level: 0.90)
        #expect(isClose(ci90.low, -0.2870552787292593, within: 1e-9))
        #expect(isClose(ci90.high, 1.7870552787292593, within: 1e-9))
    }

    @Test func zeroSpreadCollapsesToTheMean() throws {
        let interval = try StudentT.meanInterval(of: [3, 3, 3, 3])
        #expect(interval == ConfidenceInterval(estimate: 3, low: 3, high: 3, level: 0.95))
    }

    @Test func meanIntervalRejectsBadInput() {
        #expect(thrownKind { _ = try StudentT.meanInterval(of: [1]) } == .insufficientData)
        #expect(thrownKind { _ = try StudentT.meanInterval(of: []) } == .insufficientData)
        #expect(thrownKind { _ = try StudentT.meanInterval(of: [1, 2, 3], level: 1.5) } == .invalidArgument)
        #expect(thrownKind { _ = try StudentT.meanInterval(of: [1, 2, 3], level: 0) } == .invalidArgument)
        #expect(thrownKind { _ = try StudentT.meanInterval(of: [1, .nan, 3]) } == .invalidArgument)
        #expect(thrownKind { _ = try StudentT.meanInterval(of: [1, .infinity]) } == .invalidArgument)
    }

    @Test func insufficientDataMessageNamesTheCounts() {
        #expect(throws: StatisticsError.insufficientData("a t-interval needs at least 2 values, got 1")) {
            try StudentT.meanInterval(of: [1])
        }
    }

    // Source: scipy.stats.ttest_rel on the sleep data gives p = 0.002832890197384273
    // for |t| = 4.062127683382037 with 9 degrees of freedom. Tolerance 1e-12.
    @Test func twoSidedPValue() throws {
        #expect(
            isClose(
                try StudentT.twoSidedPValue(t: -4.062127683382037, degreesOfFreedom: 9), 0.002832890197384273,
                within: 1e-12))
        #expect(try StudentT.twoSidedPValue(t: 0, degreesOfFreedom: 9) == 1)
        #expect(try StudentT.twoSidedPValue(t: .infinity, degreesOfFreedom: 9) == 0)
        #expect(thrownKind { _ = try StudentT.twoSidedPValue(t: 1, degreesOfFreedom: 0) } == .invalidArgument)
    }
}
