import SimCore
import TestSupport
import Testing

@testable import AgentMemory

/// `history.source: file`: a JSONL history and its questions replace the generator.
@Suite struct HistoryFileTests {
    static let history = """
        {"session": 0, "day": 0, "topic": "home", "tokens": 120, "facts": [{"slot": "city", "tokens": 20}]}
        {"session": 0, "day": 0, "topic": "home", "tokens": 80}
        {"session": 1, "day": 3, "topic": "pets", "tokens": 150, "facts": [{"slot": "dog", "tokens": 15}]}

        {"session": 2, "day": 7.5, "topic": "home", "tokens": 100, "facts": [{"slot": "city", "tokens": 20}]}
        {"question": "single-session", "slots": ["dog"]}
        {"question": "multi-session", "slots": ["city", "dog"], "tokens": 40}
        {"question": "knowledge-update", "slots": ["city"]}
        {"question": "temporal", "slots": ["dog"]}
        {"question": "abstention", "slots": [], "topic": "cars"}
        """

    func model(_ text: String, _ entries: [String: ConfigValue] = [:]) throws -> AgentMemoryModel {
        let path = try TestFiles.temporaryFile("history.jsonl", text)
        let base: [String: ConfigValue] = ["history.source": .string("file"), "history.path": .string(path)]
        return try AgentMemoryModel(config: AgentMemoryModel.configuration(base.merging(entries) { $1 }))
    }

    @Test func theFileIsTheHistory() throws {
        let run = try model(Self.history)
        let history = try #require(run.fileHistory)
        #expect(history.sessions.map(\.day) == [0, 3, 7.5] && history.turns.count == 4)
        #expect(history.facts.map(\.slot) == [0, 1, 0] && history.facts[0].superseded && !history.facts[2].superseded)
        #expect(history.facts[2].topic == 0 && history.facts[1].topic == 1)
        #expect(
            history.questions.map(\.kind) == [.singleSession, .multiSession, .knowledgeUpdate, .temporal, .abstention])
        #expect(history.questions[2].needed == [2] && history.questions[2].stale == [0])
        #expect(history.questions[1].needed == [2, 1] && history.questions[1].tokens == 40)
        #expect(history.questionDay == 8.5)
        // The whole history fits: full context finds everything, and so does the oracle.
        for architecture in ["full-context", "oracle"] {
            let row = try model(Self.history, ["architecture": .string(architecture)]).run(seed: 1)
            #expect(row["evidence_recall"] == 1 && row["questions"] == 5, "\(architecture)")
            #expect(row["history_tokens"] == 450, "\(architecture)")
        }
        // The same file gives the same row for any seed under a deterministic architecture.
        #expect(try run.run(seed: 1) == run.run(seed: 2))
    }

    @Test func badLinesNameTheFileAndLine() throws {
        let turn = #"{"session": 0, "day": 0, "topic": "t", "tokens": 50, "facts": [{"slot": "a", "tokens": 10}]}"#
        let cases: [(String, String)] = [
            (turn + "\nnot json", ":2: not a JSON turn or question object"),
            (turn + "\n" + #"{"question": "recall", "slots": ["a"]}"#, ":2: unknown question kind 'recall'"),
            (turn + "\n" + #"{"question": "single-session", "slots": ["b"]}"#, ":2: slot 'b' is never stated"),
            (
                turn + "\n" + #"{"question": "knowledge-update", "slots": ["a"]}"#,
                ":2: a knowledge-update question needs"
            ),
            (
                turn + "\n" + #"{"question": "multi-session", "slots": ["a"]}"#,
                ":2: a multi-session question names 2 or more"
            ),
            (turn + "\n" + #"{"question": "abstention", "slots": []}"#, ":2: an abstention question needs a topic"),
            (#"{"question": "abstention", "slots": [], "topic": "x"}"# + "\n" + turn, ":2: a turn after the questions"),
            (turn + "\n" + #"{"session": 0, "day": 1, "topic": "t", "tokens": 5}"#, ":2: day 1.0 differs"),
            (
                #"{"session": 1, "day": 0, "topic": "t", "tokens": 5}"# + "\n" + turn,
                ":2: session 0 comes after session 1"
            ),
            (
                #"{"session": 0, "day": 0, "topic": "t", "tokens": 5, "facts": [{"slot": "a", "tokens": 9}]}"#,
                ":1: tokens must be"
            ),
            (#"{"session": 0, "topic": "t", "tokens": 5}"#, ":1: a turn needs session, day, topic and tokens"),
            (turn + "\n" + #"{"question": "multi-session", "slots": ["a", "a"]}"#, ":2: a slot is named twice"),
            (#"{"session": -1, "day": 0, "topic": "t", "tokens": 5}"#, ":1: session must be >= 0"),
            (turn + "\n" + #"{"session": 0, "day": 0, "topic": "u", "tokens": 5}"#, ":2: topic 'u' differs"),
            (#"{"session": 0, "day": 0, "topic": "t", "tokens": 1000000000}"#, ":1: tokens must be in 1...100000000"),
        ]
        for (text, expected) in cases {
            let message = thrownMessage { _ = try model(text) }
            #expect(message.contains("history.jsonl" + expected), "\(message)")
        }
        #expect(thrownMessage { _ = try model(turn) }.contains("history.jsonl: the agent history has no questions"))
        // The generator's keys do nothing with a file: they are refused.
        #expect(
            thrownMessage { _ = try model(Self.history, ["history.sessions": .int(3)]) }.contains("history.sessions"))
    }
}
