import Foundation
import SimCore

/// Reads sessions from a JSONL file, one session per line:
///
/// ```
/// {"arrival": 12.5, "turns": [{"prompt_tokens": 120, "output_tokens": 300, "gap_after": 20},
///                             {"prompt_tokens": 40, "output_tokens": 80}]}
/// ```
/// `arrival` is the session's first arrival in seconds from the start; `gap_after` is the
/// pause in seconds after a turn's answer (tool call or think time; 0 if omitted, and
/// unused after the last turn). An optional `"copies": n` (1 to 1,000,000; default 1)
/// stands for n identical sessions, as a benchmark that sends one request shape many times
/// does. Blank lines are skipped; any other line that is not such an object, or holds a
/// count below 1 or a negative time, is an error naming its line.
public enum SessionTraceReader {
    private struct Line: Decodable {
        let arrival: Double
        let turns: [TurnLine]
        let copies: Int?
    }

    private struct TurnLine: Decodable {
        let promptTokens: Int
        let outputTokens: Int
        let gapAfter: Double?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case outputTokens = "output_tokens"
            case gapAfter = "gap_after"
        }
    }

    /// Every session of the file at `path`, in line order.
    public static func read(path: String) throws -> [SessionSpec] {
        try JSONLines.read(
            Line.self, path: path, what: "session trace", items: "sessions", shape: "a JSON session object"
        ).flatMap { line in
            let copies = line.value.copies ?? 1
            guard (1...1_000_000).contains(copies) else {
                throw InputFileError("\(path):\(line.line): copies must be in 1...1000000")
            }
            return repeatElement(try session(line.value, at: "\(path):\(line.line)"), count: copies)
        }
    }

    /// A decoded line's session, checked; `location` names the file and line.
    private static func session(_ decoded: Line, at location: String) throws -> SessionSpec {
        guard decoded.arrival.isFinite, decoded.arrival >= 0, decoded.arrival <= 1e9 else {
            throw InputFileError("\(location): arrival must be in [0, 1e9] seconds")
        }
        guard !decoded.turns.isEmpty else { throw InputFileError("\(location): a session needs at least one turn") }
        let turns = try decoded.turns.enumerated().map { index, turn in
            guard turn.promptTokens >= 1, turn.outputTokens >= 1 else {
                throw InputFileError("\(location): turns[\(index)]: prompt_tokens and output_tokens must be >= 1")
            }
            let gap = turn.gapAfter ?? 0
            guard gap.isFinite, gap >= 0, gap <= 1e9 else {
                throw InputFileError("\(location): turns[\(index)].gap_after must be in [0, 1e9] seconds")
            }
            return TurnSpec(promptTokens: turn.promptTokens, outputTokens: turn.outputTokens, gapAfter: .seconds(gap))
        }
        return SessionSpec(arrival: .seconds(decoded.arrival), turns: turns)
    }
}
