import Foundation
import SimCore
import TestSupport
import Testing

@testable import KVEviction

/// A model of `overrides` over a short sequence (64 prompt tokens, 64 decode steps, 2 heads).
func model(_ overrides: [String: ConfigValue]) throws -> KVEvictionModel {
    let small: [String: ConfigValue] = [
        "sequence.prefill": .int(64), "sequence.decode": .int(64), "attention.heads": .int(2),
    ]
    return try KVEvictionModel(config: KVEvictionModel.configuration(small.merging(overrides) { $1 }))
}

/// Conformance over every registered policy.
@Suite struct TokenPolicyConformanceTests {
    static let names = TokenPolicyRegistry.names

    /// Attention with every part on, so every policy has something to choose by.
    static let everything: [String: ConfigValue] = [
        "attention.recurrence_share": .double(0.2), "attention.recurrence_period": .int(24),
        "attention.recurrence_jitter": .int(4), "attention.persistence": .double(0.7),
        "attention.persistence_window": .int(16),
    ]

    static func overrides(_ name: String, fraction: Double) -> [String: ConfigValue] {
        var entries = everything.merging(["policy": .string(name)]) { $1 }
        if name != "full" { entries["budget.fraction"] = .double(fraction) }
        if name == "snapkv" { entries["snapkv.window"] = .int(4) }
        if name == "lazy-eviction" { entries["lazy-eviction.window"] = .int(4) }
        if name == "scissorhands" { entries["scissorhands.history"] = .int(16) }
        return entries
    }

    @Test(arguments: names)
    func neverOverBudgetBetweenStepsAndDeterministicPerSeed(name: String) throws {
        for fraction in [0.1, 0.3, 0.6] {
            let run = try model(Self.overrides(name, fraction: fraction))
            let simulation = HeadSimulation(
                settings: run.attention, budget: run.budget, bits: 16, criticalWeight: Float(run.criticalWeight))
            for seed in UInt64(1)...4 {
                let root = RandomSource(seed: seed)
                for stream in 0..<run.attention.streams {
                    let head = HeadSimulation.attention(run.attention, stream: stream, root: root)
                    let future =
                        run.policy.reads.isEmpty
                        ? nil : simulation.future(of: head, usefulShare: run.tuning.trimUsefulShare)
                    var policy = run.policy.make(
                        TokenPolicyContext(
                            budget: run.budget, prefill: 64, decode: 64, tuning: run.tuning,
                            random: root.split("policy stream \(stream)"), future: future))
                    let measured = try simulation.run(&policy, attention: head, future: future)
                    #expect(measured.cachedAfterStep.count == 64)
                    #expect(measured.cachedAfterStep.allSatisfy { $0 <= run.budget }, "\(name) \(fraction)")
                    #expect(measured.recallMin >= 0 && measured.recallMin <= 1)
                }
                #expect(try run.run(seed: seed) == run.run(seed: seed), "\(name) seed \(seed)")
            }
        }
    }

    @Test(arguments: names)
    func theWholeSequenceAsBudgetLosesNothing(name: String) throws {
        let run = try model(Self.overrides(name, fraction: 1))
        for seed in UInt64(1)...3 {
            let row = try run.run(seed: seed)
            #expect(row["attention_recall"] == 1 && row["attention_recall_min"] == 1, "\(name)")
            #expect(row["output_error"] == 0 && row["critical_miss_rate"] == 0, "\(name)")
            #expect(row["evictions"] == 0 && row["compression"] == 1, "\(name)")
        }
    }

    @Test func everyPolicyIsNamedOnceWithASummary() {
        #expect(Set(Self.names).count == Self.names.count)
        #expect(TokenPolicyRegistry.entries.allSatisfy { !$0.summary.isEmpty })
    }
}

@Suite struct TokenPolicyBehaviourTests {
    /// The metrics that say which tokens were kept.
    static func kept(_ row: MetricRow) -> [Double?] {
        ["attention_recall", "attention_recall_min", "output_error", "evictions", "critical_miss_rate"].map { row[$0] }
    }

    @Test func trimKVWithAConstantBetaIsTheWindowAndWithSinksStreamingLLM() throws {
        for seed in UInt64(1)...5 {
            let base: [String: ConfigValue] = ["budget.tokens": .int(20)]
            let window = try model(base.merging(["policy": .string("window")]) { $1 }).run(seed: seed)
            let constant = try model(
                base.merging(["policy": .string("trim-kv"), "trim-kv.beta": .string("constant")]) { $1 }
            ).run(seed: seed)
            #expect(Self.kept(constant) == Self.kept(window))
            let streaming = try model(
                base.merging(["policy": .string("streaming-llm"), "streaming-llm.sinks": .int(4)]) { $1 }
            ).run(seed: seed)
            let sinks = try model(
                base.merging([
                    "policy": .string("trim-kv"), "trim-kv.beta": .string("constant"), "trim-kv.sink_tokens": .int(4),
                ]) { $1 }
            ).run(seed: seed)
            #expect(Self.kept(sinks) == Self.kept(streaming))
            #expect(Self.kept(sinks) != Self.kept(window))
        }
    }

    @Test func snapKVKeepsAPromptThatFitsTheBudgetWhole() throws {
        // 64 prompt tokens in a budget of 100: decode steps past the budget drop decode tokens only.
        let run = try model(["policy": .string("snapkv"), "budget.tokens": .int(100), "snapkv.window": .int(8)])
        var policy = SnapKVPolicy(budget: 100, prefill: 64, decode: 64, tuning: run.tuning)
        let cache = (0..<101).map(Int32.init)
        #expect(policy.victims(in: cache, excess: 1, query: 100) == [64])
        #expect(try run.run(seed: 1)["evictions"] == Double(2 * 28))
    }

    @Test func heavyHittersFavourH2OAndTheOracleOverTheWindow() throws {
        let heavy: [String: ConfigValue] = [
            "budget.fraction": .double(0.15), "attention.recency_bonus": .double(0.5),
            "attention.heavy_alpha": .double(1.5),
        ]
        var recall: [String: Double] = [:]
        for name in ["window", "h2o", "oracle", "random"] {
            recall[name] = try model(heavy.merging(["policy": .string(name)]) { $1 }).run(seed: 3)["attention_recall"]
        }
        let window = try #require(recall["window"])
        let h2o = try #require(recall["h2o"])
        let oracle = try #require(recall["oracle"])
        #expect(h2o > window + 0.05, "\(recall)")
        #expect(oracle >= h2o, "\(recall)")
        #expect(try #require(recall["random"]) < h2o, "\(recall)")
    }

    @Test func uniformAttentionMakesRecallTheCachedShare() throws {
        let flat: [String: ConfigValue] = [
            "policy": .string("window"), "budget.tokens": .int(16), "attention.sink_bonus": .double(0),
            "attention.recency_bonus": .double(0), "attention.heavy_alpha": .double(0),
        ]
        let row = try model(flat).run(seed: 1)
        // Step t (0-based, t >= 64) sees t + 1 tokens, of which 17 are cached (16 + the new one).
        let expected = (64..<128).reduce(0.0) { $0 + 17 / Double($1 + 1) } / 64
        #expect(isClose(try #require(row["attention_recall"]), expected, within: 1e-5))
    }

    @Test func quantisedValuesAddError() throws {
        var errors: [Int: Double] = [:]
        for bits in [16, 8, 4] {
            errors[bits] = try model(["policy": .string("full"), "kv.bits": .int(bits)]).run(seed: 2)["output_error"]
        }
        #expect(errors[16] == 0)
        #expect((errors[8] ?? 0) > 0 && (errors[8] ?? 1) < (errors[4] ?? 0), "\(errors)")
        #expect((errors[4] ?? 1) < 0.2, "\(errors)")
    }

    @Test func recurringTokensAreCountedAndFullKeepsThemAll() throws {
        let recurring: [String: ConfigValue] = [
            "attention.recurrence_share": .double(0.3), "attention.recurrence_period": .int(20),
        ]
        let full = try model(recurring.merging(["policy": .string("full")]) { $1 }).run(seed: 1)
        #expect((full["reactivations"] ?? 0) > 0 && full["recurrence_hit_rate"] == 1)
        let window = try model(recurring.merging(["policy": .string("window"), "budget.tokens": .int(10)]) { $1 })
            .run(seed: 1)
        #expect((window["recurrence_hit_rate"] ?? 1) < 0.5)
    }

    @Test func budgetsAndConstantsThatDoNotFitAreRefused() {
        #expect(thrownMessage { _ = try model(["budget.tokens": .int(500)]) }.contains("budget.tokens"))
        #expect(
            thrownMessage { _ = try model(["policy": .string("streaming-llm"), "budget.tokens": .int(4)]) }
                .contains("streaming-llm.sinks"))
        #expect(
            thrownMessage { _ = try model(["policy": .string("snapkv"), "snapkv.kernel": .int(4)]) }
                .contains("snapkv.kernel"))
        #expect(thrownMessage { _ = try model(["policy": .string("snapkv")]) }.contains("snapkv.window"))
        #expect(thrownMessage { _ = try model(["kv.bits": .int(6)]) }.contains("kv.bits"))
    }
}

@Suite struct VectorExpTests {
    @Test func matchesTheLibraryExponentialWithin1e5() {
        var worst = 0.0
        for k in 0...87_000 {
            let x = -Float(k) / 1_000
            let lanes = vectorExp(SIMD8<Float>(repeating: x))
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(lanes[0]) - exact) / exact)
            #expect(lanes[0] == lanes[7])
        }
        #expect(worst < 1e-5, "\(worst)")
        #expect(vectorExp(SIMD8<Float>(repeating: 0))[0] == 1)
        #expect(vectorExp(SIMD8<Float>(repeating: -1_000))[0] < 1e-37)
    }
}
