import Foundation
import SimCore
import TestSupport
import Testing

@testable import Sessions

@Suite struct SessionTraceReaderTests {
    func write(_ text: String) throws -> String { try SessionTraceFixtures.write(text) }

    @Test func readsSessionsInLineOrder() throws {
        let path = try write(
            """
            {"arrival": 0.5, "turns": [{"prompt_tokens": 10, "output_tokens": 20, "gap_after": 3}, {"prompt_tokens": 5, "output_tokens": 7}]}

            {"arrival": 2, "turns": [{"prompt_tokens": 1, "output_tokens": 1, "gap_after": 0}], "user": "ignored"}
            """)
        let sessions = try SessionTraceReader.read(path: path)
        #expect(sessions.count == 2)
        #expect(sessions[0].arrival == .milliseconds(500))
        #expect(
            sessions[0].turns == [
                TurnSpec(promptTokens: 10, outputTokens: 20, gapAfter: .seconds(Int64(3))),
                TurnSpec(promptTokens: 5, outputTokens: 7, gapAfter: .zero),
            ])
        #expect(sessions[1].turns.count == 1)
    }

    @Test func malformedLinesNameTheirLine() throws {
        let cases: [(String, String)] = [
            (
                "{\"arrival\": 1, \"turns\": [{\"prompt_tokens\": 1, \"output_tokens\": 1}]}\nnot json",
                ":2: not a JSON session object"
            ),
            ("{\"turns\": []}", ":1: missing key 'arrival'"),
            (
                "{\"arrival\": 1, \"turns\": [{\"prompt_tokens\": \"ten\", \"output_tokens\": 1}]}",
                ":1: wrong type at 'turns.[0].prompt_tokens'"
            ),
            ("{\"arrival\": 1, \"turns\": []}", ":1: a session needs at least one turn"),
            (
                "{\"arrival\": -1, \"turns\": [{\"prompt_tokens\": 1, \"output_tokens\": 1}]}",
                ":1: arrival must be in [0, 1e9] seconds"
            ),
            (
                "{\"arrival\": 1, \"turns\": [{\"prompt_tokens\": 0, \"output_tokens\": 1}]}",
                ":1: turns[0]: prompt_tokens and output_tokens must be >= 1"
            ),
            (
                "{\"arrival\": 1, \"turns\": [{\"prompt_tokens\": 1, \"output_tokens\": 1, \"gap_after\": -2}]}",
                ":1: turns[0].gap_after must be in [0, 1e9] seconds"
            ),
            ("\n\n", ": the session trace has no sessions"),
        ]
        for (text, expected) in cases {
            let path = try write(text)
            #expect(thrownMessage { _ = try SessionTraceReader.read(path: path) } == path + expected, "\(text)")
        }
        #expect(
            thrownMessage { _ = try SessionTraceReader.read(path: "/nonexistent/s.jsonl") }
                == "/nonexistent/s.jsonl: no such file")
    }

    @Test func aTraceDrivesTheModelLikeTheSameGeneratedSessions() throws {
        // Write a generated workload out as JSONL; replaying the file gives the same metrics.
        let overrides: [String: ConfigValue] = [
            "workload.arrival_rate": .double(0.5), "workload.duration": .double(60),
        ]
        let generated = try SessionsModel(config: SessionsModel.configuration(overrides))
        var random = RandomSource(seed: 9).split("workload")
        let sessions = generated.workload.generate(using: &random)
        let path = try SessionTraceFixtures.write(sessions)
        let replayed = try SessionsModel(
            config: SessionsModel.configuration(
                overrides.merging(["workload.source": .string("file"), "workload.path": .string(path)]) { $1 }))
        #expect(try replayed.run(seed: 1) == generated.run(seed: 9))
    }
}
