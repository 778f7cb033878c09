import Foundation
import Testing

@testable import Bandits
@testable import SimCore

@Suite struct StreamingBanditTests {
    func run(_ overrides: [String: ConfigValue], seed: UInt64) throws -> MetricRow {
        try StreamingBanditModel(config: StreamingBanditModel.configuration(overrides)).run(seed: seed)
    }

    @Test func uniformExplorationPullsEveryArmItsBudgetWithOneStoredArm() throws {
        let k = 50
        let t = 1_000_000
        let budget = Int((pow(Double(t) / Double(k), 2.0 / 3) * pow(log(Double(t)), 1.0 / 3)).rounded(.up))
        for seed in 1...5 as ClosedRange<UInt64> {
            let row = try run(["algorithm": .string("uniform"), "arms": .int(k), "horizon": .int(t)], seed: seed)
            #expect(row["exploration_pulls"] == Double(k * budget))
            #expect(row["arms_stored"] == 1)
        }
    }

    @Test func regretSplitsIntoExplorationAndCommitment() throws {
        for algorithm in StreamingBanditRegistry.names {
            for kind in StreamingBanditModel.InstanceKind.allCases {
                for seed in 1...10 as ClosedRange<UInt64> {
                    let t = 200_000
                    let row = try run(
                        ["algorithm": .string(algorithm), "instance.kind": .string(kind.rawValue), "horizon": .int(t)],
                        seed: seed)
                    let regret = try #require(row["regret"])
                    let exploration = try #require(row["exploration_regret"])
                    let gap = try #require(row["commit_gap"])
                    let pulls = try #require(row["exploration_pulls"])
                    #expect(regret >= 0 && exploration >= 0 && gap >= 0)
                    #expect(abs(regret - exploration - (Double(t) - pulls) * gap) < 1e-6 * max(1, regret))
                    #expect(row["arms_stored"] == 1, "\(algorithm) stores one arm")
                }
            }
        }
    }

    @Test func epsilonBestFindsAClearBestArm() throws {
        // One arm at 0.6, 99 at 0.3: eps = (100 / 10^7)^(1/3) = 0.02, far below the gap.
        var found = 0
        for seed in 1...20 as ClosedRange<UInt64> {
            let row = try run(
                [
                    "arms": .int(100), "horizon": .int(10_000_000), "instance.kind": .string("gap"),
                    "instance.gap": .double(0.3),
                ], seed: seed)
            if row["commit_gap"] == 0 { found += 1 }
        }
        #expect(found == 20)
    }

    @Test func theArrivalOrderIsAShuffleOfTheSameArms() throws {
        // Different seeds give different orders (and so different regrets) of one instance kind.
        let a = try run(["algorithm": .string("uniform"), "instance.kind": .string("gap")], seed: 1)
        let b = try run(["algorithm": .string("uniform"), "instance.kind": .string("gap")], seed: 2)
        #expect(a["regret"] != b["regret"])
        #expect(try run(["algorithm": .string("uniform"), "instance.kind": .string("gap")], seed: 1) == a)
    }
}
