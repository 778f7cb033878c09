import Testing
@testable import Adapters
@testable import SimCore

@Suite struct StreamingBanditTests {
    @Test func uniformExplorationStoresOneArm() throws {
        let model = try StreamingBanditModel(config: StreamingBanditModel.configuration(["algorithm": .string("uniform")]))
        let row = try model.run(seed: 1)
        #expect(row["arms_stored"] == 1)
    }
}
