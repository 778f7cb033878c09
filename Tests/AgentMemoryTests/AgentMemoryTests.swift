import SimCore
import Testing

@testable import AgentMemory

/// A model of `overrides` over a short history (12 sessions of 8 turns, 60 questions).
func model(_ overrides: [String: ConfigValue]) throws -> AgentMemoryModel {
    let small: [String: ConfigValue] = [
        "history.sessions": .int(12), "history.turns_per_session": .int(8), "questions.count": .int(60),
        "facts.per_turn": .double(0.4),
    ]
    return try AgentMemoryModel(config: AgentMemoryModel.configuration(small.merging(overrides) { $1 }))
}

/// Whether two rows hold the same metrics, bit for bit (NaN, an undefined rate, equals NaN).
func sameBits(_ a: MetricRow, _ b: MetricRow) -> Bool {
    a.values.keys == b.values.keys
        && a.values.keys.allSatisfy { a.values[$0]?.bitPattern == b.values[$0]?.bitPattern }
}

/// Conformance over every registered architecture.
@Suite struct ArchitectureConformanceTests {
    static let names = ArchitectureRegistry.names

    @Test(arguments: names)
    func deterministicPerSeedWithinTheWindowAndInRange(name: String) throws {
        for window in [2_000, 200_000] {
            let run = try model(["architecture": .string(name), "context.window": .int(window)])
            for seed in UInt64(1)...4 {
                let row = try run.run(seed: seed)
                #expect(sameBits(try run.run(seed: seed), row), "\(name) seed \(seed)")
                for metric in AgentMemoryModel.metrics where metric.unit == "ratio" {
                    let value = try #require(row[metric.name])
                    #expect(value.isNaN || (value >= 0 && value <= 1), "\(name) \(metric.name) = \(value)")
                }
                // Memory never exceeds the window (the question's own tokens come on top).
                #expect((row["context_tokens_p95"] ?? 0) <= Double(window + 30), "\(name)")
                #expect(row["questions"] == 60 || (row["questions"] ?? 0) > 40, "\(name)")
            }
        }
    }

    @Test func everyArchitectureIsNamedOnceWithASummary() {
        #expect(Set(Self.names).count == Self.names.count)
        #expect(ArchitectureRegistry.entries.allSatisfy { !$0.summary.isEmpty })
    }
}

@Suite struct ArchitectureBehaviourTests {
    @Test func theOracleFindsEveryNeededFactAtTheFewestTokens() throws {
        // A window that holds two facts' statements (and no more) is enough for the oracle.
        for seed in UInt64(1)...5 {
            let row = try model(["architecture": .string("oracle"), "context.window": .int(150)]).run(seed: seed)
            #expect(row["evidence_recall"] == 1 && row["stale_read_rate"] == 0)
            #expect((row["context_tokens_mean"] ?? 0) <= 30 + 2 * 20)
        }
    }

    @Test func fullContextWithAWindowHoldingTheHistoryHasRecallOne() throws {
        for seed in UInt64(1)...5 {
            let row = try model(["architecture": .string("full-context"), "context.window": .int(1_000_000)]).run(
                seed: seed)
            #expect(row["evidence_recall"] == 1 && row["stale_read_rate"] == 0)
            #expect(row["context_tokens_mean"] == (row["history_tokens"] ?? 0) + 30)
            // A window of a tenth of the history truncates it: recall falls.
            let history = try #require(row["history_tokens"])
            let truncated = try model([
                "architecture": .string("full-context"), "context.window": .int(Int(history / 10)),
            ]).run(seed: seed)
            #expect((truncated["evidence_recall"] ?? 1) < 0.5)
        }
    }

    @Test func theReaderLosesAccuracyWithContextLengthNotEvidence() throws {
        // Full context over longer histories: the evidence stays, the reader model's accuracy falls.
        var accuracy: [Double] = []
        for sessions in [10, 40, 160] {
            let row = try model([
                "architecture": .string("full-context"), "history.sessions": .int(sessions),
                "context.window": .int(10_000_000),
            ]).run(seed: 1)
            #expect(row["evidence_recall"] == 1)
            accuracy.append(row["answer_accuracy"] ?? 0)
        }
        #expect(accuracy[0] > accuracy[1] && accuracy[1] > accuracy[2], "\(accuracy)")
    }

    @Test func aBetterRetrieverFindsMoreAndExtractionStoresLess() throws {
        let base: [String: ConfigValue] = ["architecture": .string("rag"), "history.sessions": .int(40)]
        var recall: [Double] = []
        for quality in [1.0, 3.0, 6.0] {
            recall.append(
                try model(base.merging(["rag.retriever_quality": .double(quality)]) { $1 }).run(seed: 2)[
                    "evidence_recall"] ?? 0)
        }
        #expect(recall[0] < recall[1] && recall[1] < recall[2], "\(recall)")
        let chunks = try model(base).run(seed: 2)
        let facts = try model(base.merging(["rag.extract": .string("facts")]) { $1 }).run(seed: 2)
        #expect((facts["stored_tokens"] ?? 0) < (chunks["stored_tokens"] ?? 0) / 5)
        #expect((facts["memory_calls_online"] ?? 0) > 0 && chunks["memory_calls_online"] == 0)
    }

    @Test func memoryBankForgetsWhatIsNeverRecalled() throws {
        // With memories that never fade (a huge initial strength) MemoryBank is plain retrieval
        // over every turn; with the default strength of one day most are forgotten.
        let base: [String: ConfigValue] = ["architecture": .string("memorybank"), "history.sessions": .int(40)]
        let lasting = try model(base.merging(["memorybank.initial_strength": .double(1e9)]) { $1 }).run(seed: 3)
        let fading = try model(base).run(seed: 3)
        #expect((fading["stored_tokens"] ?? 0) < (lasting["stored_tokens"] ?? 0) / 2)
        #expect((fading["evidence_recall"] ?? 1) < (lasting["evidence_recall"] ?? 0))
        #expect(lasting["stored_tokens"] == lasting["history_tokens"])
    }

    @Test func memoryOSPromotionAddsALongTermPath() throws {
        // Retrieval reaches a page only through its segment (5 of 20) and the top pages among
        // them; promoted facts are a second path, found directly, at the price of online calls.
        let base: [String: ConfigValue] = ["architecture": .string("memoryos"), "history.sessions": .int(40)]
        for seed in UInt64(1)...3 {
            let never = try model(base.merging(["memoryos.promotion_heat": .double(1e9)]) { $1 }).run(seed: seed)
            let promoted = try model(base).run(seed: seed)
            #expect((promoted["evidence_recall"] ?? 0) > (never["evidence_recall"] ?? 1) + 0.05)
            #expect((promoted["memory_calls_online"] ?? 0) > (never["memory_calls_online"] ?? 0))
        }
    }

    @Test func lightMemSleepTimeRemovesSupersededValues() throws {
        // Consolidating after every session leaves only the newest stored value of each slot
        // (a stale read remains where the update itself was lost); never consolidating leaves
        // updates beside older values, which retrieval can return alone.
        let base: [String: ConfigValue] = [
            "architecture": .string("lightmem"), "history.sessions": .int(40), "facts.update_share": .double(0.5),
            "questions.knowledge_update": .double(1), "questions.single_session": .double(0),
            "questions.multi_session": .double(0), "questions.temporal": .double(0), "questions.abstention": .double(0),
        ]
        let every = try model(base.merging(["lightmem.sleep_sessions": .int(1)]) { $1 }).run(seed: 2)
        let never = try model(base.merging(["lightmem.sleep_sessions": .int(1_000)]) { $1 }).run(seed: 2)
        #expect((every["stale_read_rate"] ?? 1) < (never["stale_read_rate"] ?? 0))
        #expect((every["memory_calls_offline"] ?? 0) > 0 && never["memory_calls_offline"] == 0)
        #expect((every["stored_tokens"] ?? 0) < (never["stored_tokens"] ?? 0))
    }

    @Test func smallHistoriesAndFullSummariesStayValid() throws {
        // rag.k is a retriever's key: a history shorter than it is fine for full context.
        let short = try model([
            "architecture": .string("full-context"), "history.sessions": .int(1), "history.turns_per_session": .int(5),
        ])
        #expect(try short.run(seed: 1)["evidence_recall"] == 1)
        // A summary that keeps everything is capped, so MemGPT's context stays in its window.
        let keeping = try model([
            "architecture": .string("memgpt"), "history.sessions": .int(30), "context.window": .int(2_000),
            "summary.fidelity": .double(1), "memgpt.summary_tokens": .int(500),
        ]).run(seed: 1)
        #expect((keeping["context_tokens_p95"] ?? .infinity) <= 2_000 + 30)
    }

    @Test func badInputNamesItsKey() {
        let cases: [([String: ConfigValue], String)] = [
            (["architecture": .string("mem-gpt")], "architecture"),
            (["context.window": .int(100)], "context.window"),
            (["architecture": .string("rag"), "rag.k": .int(1_000)], "rag.k"),
            (
                [
                    "questions.single_session": .double(0), "questions.multi_session": .double(0),
                    "questions.temporal": .double(0), "questions.knowledge_update": .double(0),
                    "questions.abstention": .double(0),
                ], "questions.single_session"
            ),
            (["architecture": .string("oracle"), "rag.k": .int(3)], "rag.k"),
            (["facts.per_turn": .double(1.5)], "facts.per_turn"),
            (
                ["architecture": .string("oracle"), "context.window": .int(150), "facts.tokens": .int(100)],
                "context.window"
            ),
            (
                [
                    "architecture": .string("memgpt"), "context.window": .int(2_000),
                    "memgpt.summary_tokens": .int(2_000),
                ],
                "memgpt.summary_tokens"
            ),
            (["architecture": .string("rag"), "memorybank.threshold": .double(0.2)], "memorybank.threshold"),
        ]
        for (entries, key) in cases {
            #expect(throws: ConfigError.self, "\(entries)") { try model(entries) }
            do {
                _ = try model(entries)
            } catch let error as ConfigError {
                #expect(error.keyPath == key, "\(entries): \(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}

@Suite struct StylisedRetrieverTests {
    @Test func topKIsBestFirstAndFindsAStrongSignal() {
        let retriever = StylisedRetriever(quality: 8, distractorSimilarity: 0.5)
        var random = RandomSource(seed: 1)
        for _ in 0..<50 {
            let top = retriever.top(3, of: 1_000, random: &random) { $0 == 417 ? 1 : 0 }
            #expect(top.count == 3 && top.first == 417 && Set(top).count == 3)
        }
        #expect(retriever.top(5, of: 2, random: &random) { _ in 0 }.count == 2)
    }
}
