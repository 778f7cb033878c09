import Foundation
import Testing

@testable import Bandits
@testable import SimCore

@Suite struct BanditModelTests {
    func run(_ overrides: [String: ConfigValue], seed: UInt64) throws -> MetricRow {
        try BanditModel(config: BanditModel.configuration(overrides)).run(seed: seed)
    }

    @Test func stochasticRegretIsTheSumOfGapsPlayed() throws {
        // On the gap instance every suboptimal pull costs exactly the gap.
        for policy in BanditPolicyRegistry.names {
            for seed in 1...5 as ClosedRange<UInt64> {
                let row = try run(["policy": .string(policy), "horizon": .int(2_000)], seed: seed)
                let regret = try #require(row["regret"])
                let fraction = try #require(row["best_arm_fraction"])
                #expect(abs(regret - 0.2 * 2_000 * (1 - fraction)) < 1e-6, "\(policy)")
            }
        }
    }

    @Test func thompsonConcentratesOnTheBestArm() throws {
        for seed in 1...5 as ClosedRange<UInt64> {
            let row = try run(["policy": .string("thompson"), "horizon": .int(20_000)], seed: seed)
            #expect(try #require(row["best_arm_fraction"]) > 0.95)
        }
    }

    @Test func theAdversarialComparatorIsArmOne() throws {
        // A policy stuck on arm 0 would lose (best - gap)/2 + 1/2 - best/2 = 0.4 per round; one
        // that plays arm 1 throughout has regret 0. Uniform play (EXP3 with gamma = 1) loses the
        // mean gap to arm 1: 0.7 - (0.6 + 0.4 * 4) / 10 - (0 + 1 + 0.4 * 3) / 10 = 0.26 per round.
        let row = try run(
            [
                "policy": .string("exp3"), "gamma": .double(1), "instance.kind": .string("adversarial"),
                "horizon": .int(100_000),
            ], seed: 1)
        #expect(abs(try #require(row["regret_per_round"]) - 0.26) < 0.01)
    }

    @Test func exp3DefaultsToAuersTuning() throws {
        let model = try BanditModel(config: BanditModel.configuration(["horizon": .int(10_000)]))
        #expect(abs(model.gamma - (5 * log(5.0) / ((M_E - 1) * 10_000)).squareRoot()) < 1e-15)
    }
}
