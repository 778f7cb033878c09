import Foundation
import SimCore

/// Requests read from a JSONL trace, one request per line:
/// ```
/// {"context": [1.0, 0.3, -0.2], "rewards": [0.7, 0.1, 0.4]}
/// ```
/// `context` is the request's feature vector (every line the same length); `rewards`, when
/// known, holds every adapter's expected reward for it (every line the same length, or no
/// line has it). Blank lines are skipped; anything else that is not such an object, or holds a
/// non-finite number, is an error naming the line.
public struct AdapterTrace: Sendable {
    public let contexts: [[Double]]
    /// Per-request expected rewards of every adapter, or nil when the trace has none.
    public let rewards: [[Double]]?

    public var dimension: Int { contexts.first?.count ?? 0 }
    public var adapters: Int? { rewards?.first?.count }

    private struct Line: Decodable {
        let context: [Double]
        let rewards: [Double]?
    }

    public static func read(path: String) throws -> AdapterTrace {
        var contexts: [[Double]] = []
        var rewards: [[Double]] = []
        var withRewards: Bool?
        let lines = try JSONLines.read(
            Line.self, path: path, what: "adapter trace", items: "requests",
            shape: "a request object {\"context\": [numbers], \"rewards\": [numbers]}")
        for (number, line) in lines {
            let location = "\(path):\(number)"
            guard !line.context.isEmpty, line.context.allSatisfy(\.isFinite) else {
                throw InputFileError("\(location): 'context' must be a non-empty list of finite numbers")
            }
            if let first = contexts.first, first.count != line.context.count {
                throw InputFileError(
                    "\(location): context has \(line.context.count) entries; earlier lines have \(first.count)")
            }
            let has = line.rewards != nil
            if let expected = withRewards, expected != has {
                throw InputFileError("\(location): 'rewards' must be given on every line or on none")
            }
            withRewards = has
            if let r = line.rewards {
                guard !r.isEmpty, r.allSatisfy(\.isFinite) else {
                    throw InputFileError("\(location): 'rewards' must be a non-empty list of finite numbers")
                }
                if let first = rewards.first, first.count != r.count {
                    throw InputFileError(
                        "\(location): rewards has \(r.count) entries; earlier lines have \(first.count)")
                }
                rewards.append(r)
            }
            contexts.append(line.context)
        }
        return AdapterTrace(contexts: contexts, rewards: withRewards == true ? rewards : nil)
    }
}
