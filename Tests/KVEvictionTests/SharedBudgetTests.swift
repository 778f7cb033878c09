import Foundation
import SimCore
import Testing

@testable import KVEviction

/// `budget.scope: layer`: the heads of a layer share one budget (`SharedBudgetSimulation`).
@Suite struct SharedBudgetTests {
    static let sharing = ["window", "streaming-llm", "h2o", "trim-kv", "oracle"]

    /// Every shared-budget policy is registered, and every other budgeted one is refused.
    @Test func exactlyThePoliciesWithComparableScoresShare() {
        for name in TokenPolicyRegistry.names where name != "full" {
            let entries = TokenPolicyConformanceTests.overrides(name, fraction: 0.3).merging([
                "budget.scope": .string("layer")
            ]) { $1 }
            if Self.sharing.contains(name) {
                #expect((try? model(entries))?.sharedBudget == true, "\(name)")
            } else {
                let error = #expect(throws: ConfigError.self, "\(name)") { try model(entries) }
                #expect(error?.keyPath == "budget.scope")
            }
        }
    }

    @Test(arguments: sharing)
    func aLayerNeverHoldsMoreThanItsBudgetAndRunsAreDeterministic(name: String) throws {
        for fraction in [0.1, 0.3] {
            var entries = TokenPolicyConformanceTests.overrides(name, fraction: fraction)
            entries["attention.layers"] = .int(2)
            entries["budget.scope"] = .string("layer")
            let run = try model(entries)
            let simulation = HeadSimulation(
                settings: run.attention, budget: run.budget, bits: 16, criticalWeight: Float(run.criticalWeight))
            for seed in UInt64(1)...3 {
                let root = RandomSource(seed: seed)
                let sources = (0..<run.attention.heads).map {
                    HeadSimulation.attention(run.attention, stream: $0, root: root)
                }
                let futures = sources.map {
                    run.policy.reads.isEmpty ? nil : simulation.future(of: $0, usefulShare: run.tuning.trimUsefulShare)
                }
                var policies = try zip(sources.indices, futures).map { stream, future in
                    try #require(
                        run.policy.make(
                            TokenPolicyContext(
                                budget: run.budget, prefill: 64, decode: 64, tuning: run.tuning,
                                random: root.split("policy stream \(stream)"), future: future))
                            as? any SharedBudgetPolicy)
                }
                let heads = try SharedBudgetSimulation(simulation: simulation).run(
                    &policies, sources: sources, futures: futures)
                for step in 0..<64 {
                    #expect(heads.reduce(0) { $0 + $1.cachedAfterStep[step] } <= run.budget * heads.count)
                }
                #expect(try run.run(seed: seed) == run.run(seed: seed), "\(name) seed \(seed)")
            }
        }
    }

    @Test func positionalPoliciesShareAsTheyRunAlone() throws {
        // Every head holds the same positions, so pooling evicts each head's oldest, as alone.
        for name in ["window", "streaming-llm"] {
            for seed in UInt64(1)...3 {
                let entries: [String: ConfigValue] = ["policy": .string(name), "budget.tokens": .int(24)]
                let alone = try model(entries).run(seed: seed)
                let shared = try model(entries.merging(["budget.scope": .string("layer")]) { $1 }).run(seed: seed)
                #expect(alone == shared, "\(name) seed \(seed)")
            }
        }
    }

    @Test func theWholeSequenceAsASharedBudgetLosesNothing() throws {
        for name in Self.sharing {
            let row = try model([
                "policy": .string(name), "budget.fraction": .double(1), "budget.scope": .string("layer"),
            ])
            .run(seed: 2)
            #expect(row["attention_recall"] == 1 && row["output_error"] == 0 && row["evictions"] == 0, "\(name)")
        }
    }

    @Test func heterogeneousHeadsGainFromSharingUnderScoreBasedPolicies() throws {
        // Heads from sharp (temperature 0.3) to flat (3): pooling gives the sharp heads' heavy
        // hitters room taken from the flat heads' long tails, and lowers the output error of
        // H2O and the oracle at a 20% budget (Ada-KV's argument), on every seed.
        for name in ["h2o", "oracle"] {
            let entries: [String: ConfigValue] = [
                "policy": .string(name), "budget.fraction": .double(0.2), "attention.heads": .int(4),
                "attention.heavy_alpha": .double(1.5), "attention.temperature_min": .double(0.3),
                "attention.temperature_max": .double(3),
            ]
            let alone = try model(entries)
            let shared = try model(entries.merging(["budget.scope": .string("layer")]) { $1 })
            for seed in UInt64(1)...3 {
                let a = try #require(alone.run(seed: seed)["output_error"])
                let s = try #require(shared.run(seed: seed)["output_error"])
                #expect(s < a, "\(name) seed \(seed): \(s) against \(a)")
            }
        }
    }
}
