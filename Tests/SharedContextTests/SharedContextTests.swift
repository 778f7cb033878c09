import Foundation
import SimCore
import Testing

@testable import SharedContext

@Suite struct SharedContextTests {
    func config(_ entries: [String: ConfigValue]) -> Configuration { SharedContextModel.configuration(entries) }

    @Test func quickselectAgreesWithSorting() {
        var random = RandomSource(seed: 9)
        for trial in 0..<200 {
            let count = 1 + random.nextInt(below: 300)
            // Few distinct values, so ties are common.
            let values = (0..<count).map { _ in Double(random.nextInt(below: 12)) }
            let budget = random.nextInt(below: count + 3)
            let reference = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
                .prefix(budget).sorted()
            #expect(topPositions(values, budget: budget) == Array(reference), "trial \(trial)")
        }
    }

    @Test func methodsAttendToWhatTheyDocument() {
        let relevance = [[5.0, 1, 4, 0, 3, 2, 9, 8], [0.0, 9, 1, 8, 2, 7, 3, 6]]
        let streaming = StreamingWindowMethod(budget: 6)
        #expect(streaming.attended(turn: 0, relevance: relevance, contextTokens: 8) == [0, 1, 2, 3, 6, 7])
        var once = EvictAfterFirstQuestionMethod(budget: 3)
        #expect(once.attended(turn: 0, relevance: relevance, contextTokens: 8) == [0, 6, 7])
        #expect(once.attended(turn: 1, relevance: relevance, contextTokens: 8) == [0, 6, 7])
        let retrieve = RetrievePerTurnMethod(budget: 3)
        #expect(retrieve.attended(turn: 1, relevance: relevance, contextTokens: 8) == [1, 3, 5])
        #expect(retrieve.loadsPerTurn && !once.loadsPerTurn)
    }

    @Test func evictionFailsLaterTurnsUnlessTheyAskTheSame() throws {
        let clear: [String: ConfigValue] = [
            "method": .string("evict-after-first"), "budget": .int(64), "context_tokens": .int(4_096),
            "relevance_gap": .double(20),
            "conversations": .int(20),
        ]
        let distinct = try SharedContextModel(config: config(clear)).run(seed: 1)
        #expect(distinct["accuracy_first"] == 1 && distinct["accuracy_later"] == 0)
        // Later questions that need the first question's spans find them all.
        let same = try SharedContextModel(config: config(clear.merging(["overlap": .double(1)]) { $1 })).run(seed: 1)
        #expect(same["accuracy_later"] == 1 && same["needle_recall_later"] == 1)
        let all = try SharedContextModel(config: config(clear.merging(["method": .string("keep-all")]) { $1 })).run(
            seed: 1)
        #expect(
            all["accuracy_later"] == 1 && all["kv_tokens_resident"] == 4_096 && all["tokens_loaded_per_question"] == 0)
        let retrieve = try SharedContextModel(
            config: config(clear.merging(["method": .string("retrieve-per-turn")]) { $1 })
        ).run(seed: 1)
        #expect(
            retrieve["accuracy_later"] == 1 && retrieve["tokens_loaded_per_question"] == 64
                && retrieve["kv_tokens_resident"] == 64)
        #expect(Array(retrieve.values.keys) == SharedContextModel.metrics.map(\.name))
    }

    @Test func configurationErrorsNameTheirKey() {
        let cases: [([String: ConfigValue], String)] = [
            (["method": .string("h2o")], "method"), (["answer_fraction": .double(0)], "answer_fraction"),
            (["span_tokens": .int(20_000)], "span_tokens"), (["overlap": .double(1.5)], "overlap"),
        ]
        for (entries, path) in cases {
            do {
                _ = try SharedContextModel(config: config(entries))
                Issue.record("\(entries) accepted")
            } catch let error as ConfigError {
                #expect(error.keyPath == path, "\(entries)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
