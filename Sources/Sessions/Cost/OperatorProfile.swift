import Foundation
import SimCore

/// Measured times of a model's operators by token count, per layer (Vidur-style), read
/// from CSV:
///
/// ```
/// # comment lines (source, licence) and blank lines are skipped
/// operator,tokens,milliseconds
/// linear,1,0.305
/// linear,8,0.314
/// attention_prefill,1024,0.110
/// ```
/// - `linear`: one layer's token-wise operators (projections, MLP, norms, rotary embedding,
///   activation, residual adds) for a step of `tokens` tokens (prompt and decode together);
/// - `attention_prefill`: one layer's attention over a prompt of `tokens` tokens with no
///   earlier context; a step's chunks are looked up by their query-key pairs
///   (`tokens (tokens + 1) / 2` for a table row);
/// - `attention_decode`: one layer's decode attention of a batch whose contexts hold
///   `tokens` tokens in total.
///
/// Each operator's token counts are positive integers in increasing order and its times
/// positive. Between two rows a time is interpolated linearly (exactly the row's time at a
/// row); beyond the table it follows the roofline's shape scaled to meet the table's
/// nearest row (`value(of:at:roofline:)`). Every error names the file and line.
public struct OperatorProfile: Sendable, Equatable {
    public enum Operator: String, CaseIterable, Sendable {
        case linear
        case attentionPrefill = "attention_prefill"
        case attentionDecode = "attention_decode"
    }

    /// One operator's rows: its coordinates (token counts, or query-key pairs for
    /// `attention_prefill`) and times per layer in seconds.
    public struct Table: Sendable, Equatable {
        public var points: [Double] = []
        public var seconds: [Double] = []
    }

    /// Each operator's table; an operator without rows has an empty one.
    public let linear: Table
    public let attentionPrefill: Table
    public let attentionDecode: Table

    /// Where the profile came from (a path, or `shipped:gpu/model`), for messages.
    public let source: String

    public func table(_ op: Operator) -> Table {
        switch op {
        case .linear: return linear
        case .attentionPrefill: return attentionPrefill
        case .attentionDecode: return attentionDecode
        }
    }

    /// The coordinate of a row of `tokens` tokens.
    public static func coordinate(of op: Operator, tokens: Int) -> Double {
        op == .attentionPrefill ? StepWork.attentionPairs(queries: tokens, context: 0) : Double(tokens)
    }

    /// The time per layer of `op` at coordinate `x`, in seconds, or `nil` if the profile has
    /// no rows for it. `roofline` gives the roofline's time at any coordinate; beyond the
    /// table the result is `roofline(x) x row / roofline(row's x)` of the nearest row.
    public func value(of op: Operator, at x: Double, roofline: (Double) -> Double) -> Double? {
        let t = table(op)
        guard let first = t.points.first, let last = t.points.last else { return nil }
        if x <= first { return x == first ? t.seconds[0] : scaled(x, row: 0, in: t, roofline: roofline) }
        if x >= last {
            let i = t.points.count - 1
            return x == last ? t.seconds[i] : scaled(x, row: i, in: t, roofline: roofline)
        }
        // The last row at or below x (binary search); x is strictly inside the table.
        var low = 0
        var high = t.points.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if t.points[mid] <= x { low = mid } else { high = mid }
        }
        if t.points[low] == x { return t.seconds[low] }
        let fraction = (x - t.points[low]) / (t.points[high] - t.points[low])
        return t.seconds[low] + (t.seconds[high] - t.seconds[low]) * fraction
    }

    private func scaled(_ x: Double, row: Int, in t: Table, roofline: (Double) -> Double) -> Double {
        let base = roofline(t.points[row])
        return base > 0 ? t.seconds[row] * roofline(x) / base : t.seconds[row]
    }

    /// The profile in `text`, named `source` in errors.
    public static func parse(_ text: String, source: String) throws -> OperatorProfile {
        var tables = Array(repeating: Table(), count: Operator.allCases.count)
        var lastTokens = Array(repeating: 0, count: Operator.allCases.count)
        var sawHeader = false
        // `\r\n` is one Character, a newline like `\n`: CRLF files number their lines alike.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let at = "\(source):\(index + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard sawHeader else {
                guard fields == ["operator", "tokens", "milliseconds"] else {
                    throw InputFileError("\(at): expected the header 'operator,tokens,milliseconds', found '\(line)'")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 3 else {
                throw InputFileError("\(at): expected 3 fields (operator,tokens,milliseconds), found \(fields.count)")
            }
            guard let op = Operator(rawValue: fields[0]), let i = Operator.allCases.firstIndex(of: op) else {
                let known = Operator.allCases.map(\.rawValue).joined(separator: ", ")
                throw InputFileError("\(at): unknown operator '\(fields[0])' (known: \(known))")
            }
            guard let tokens = Int(fields[1]), tokens > 0 else {
                throw InputFileError("\(at): tokens '\(fields[1])' is not a positive integer")
            }
            guard tokens > lastTokens[i] else {
                throw InputFileError(
                    "\(at): \(op.rawValue) rows must have increasing token counts: \(tokens) follows \(lastTokens[i])")
            }
            guard let ms = Double(fields[2]), ms.isFinite, ms > 0 else {
                throw InputFileError("\(at): milliseconds '\(fields[2])' is not a positive number")
            }
            lastTokens[i] = tokens
            tables[i].points.append(coordinate(of: op, tokens: tokens))
            tables[i].seconds.append(ms / 1_000)
        }
        guard sawHeader else { throw InputFileError("\(source): no header 'operator,tokens,milliseconds'") }
        guard tables.contains(where: { !$0.points.isEmpty }) else { throw InputFileError("\(source): no rows") }
        return OperatorProfile(
            linear: tables[0], attentionPrefill: tables[1], attentionDecode: tables[2], source: source)
    }

    /// The profile in the file at `path`.
    public static func read(path: String) throws -> OperatorProfile {
        try InputFileError.requireRegularFile(path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw InputFileError("\(path): cannot read the file as UTF-8 text") }
        return try parse(text, source: path)
    }
}
