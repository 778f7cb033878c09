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
/// unused after the last turn). Blank lines are skipped; any other line that is not such
/// an object, or holds a count below 1 or a negative time, is an error naming its line.
public enum SessionTraceReader {
    private struct Line: Decodable {
        let arrival: Double
        let turns: [TurnLine]
    }

    private struct TurnLine: Decodable {
        let promptTokens: Int
        let outputTokens: Int
        let gapAfter: Double?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens", outputTokens = "output_tokens", gapAfter = "gap_after"
        }
    }

    /// Every session of the file at `path`, in line order.
    public static func read(path: String) throws -> [SessionSpec] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError("\(path): cannot read session trace")
        }
        var sessions: [SessionSpec] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            sessions.append(try parse(text, path: path, line: number + 1))
        }
        guard !sessions.isEmpty else { throw InputFileError("\(path): the session trace has no sessions") }
        return sessions
    }

    static func parse(_ text: String, path: String, line: Int) throws -> SessionSpec {
        let where_ = "\(path):\(line)"
        let decoded: Line
        do {
            decoded = try JSONDecoder().decode(Line.self, from: Data(text.utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            throw InputFileError("\(where_): missing key '\(key.stringValue)'")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let key = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            throw InputFileError("\(where_): wrong type at '\(key)'")
        } catch {
            throw InputFileError("\(where_): not a JSON session object")
        }
        guard decoded.arrival.isFinite, decoded.arrival >= 0, decoded.arrival <= 1e9 else {
            throw InputFileError("\(where_): arrival must be in [0, 1e9] seconds")
        }
        guard !decoded.turns.isEmpty else { throw InputFileError("\(where_): a session needs at least one turn") }
        let turns = try decoded.turns.enumerated().map { index, turn in
            guard turn.promptTokens >= 1, turn.outputTokens >= 1 else {
                throw InputFileError("\(where_): turns[\(index)]: prompt_tokens and output_tokens must be >= 1")
            }
            let gap = turn.gapAfter ?? 0
            guard gap.isFinite, gap >= 0, gap <= 1e9 else {
                throw InputFileError("\(where_): turns[\(index)].gap_after must be in [0, 1e9] seconds")
            }
            return TurnSpec(promptTokens: turn.promptTokens, outputTokens: turn.outputTokens, gapAfter: .seconds(gap))
        }
        return SessionSpec(arrival: .seconds(decoded.arrival), turns: turns)
    }
}
