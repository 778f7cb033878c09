import Foundation
import TestSupport

@testable import Sessions

/// Session traces written to temporary JSONL files for the tests.
enum SessionTraceFixtures {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func write(_ text: String) throws -> String { try TestFiles.temporaryFile("sessions.jsonl", text) }

    /// Writes `sessions` in the trace format `SessionTraceReader` reads (seconds as doubles).
    static func write(_ sessions: [SessionSpec]) throws -> String {
        let lines = sessions.map { session in
            let turns = session.turns.map {
                "{\"prompt_tokens\": \($0.promptTokens), \"output_tokens\": \($0.outputTokens), \"gap_after\": \($0.gapAfter.seconds)}"
            }
            return "{\"arrival\": \(session.arrival.seconds), \"turns\": [\(turns.joined(separator: ", "))]}"
        }
        return try write(lines.joined(separator: "\n"))
    }
}
