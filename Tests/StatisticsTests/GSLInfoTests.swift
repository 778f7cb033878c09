import Testing

@testable import Statistics

@Suite struct GSLInfoTests {
    // The run-time version looks like "2.7.1" (major.minor[.patch]).
    @Test func versionIsDotted() {
        let parts = GSLInfo.version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    }

    @Test func errorDescriptions() {
        #expect(StatisticsError.invalidArgument("x").description == "invalid argument: x")
        #expect(StatisticsError.insufficientData("y").description == "insufficient data: y")
    }
}
