/// A deterministic share of a sweep's runs: shard `index` of `count` (1-based) takes the
/// runs whose canonical ordinal is congruent to `index - 1` modulo `count`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `i/n` with 1 <= i <= n.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw HarnessError("expected i/n, for example 2/8")
        }
        guard n >= 1, (1...n).contains(i) else {
            throw HarnessError("\(text) is out of range: i must be in 1...n and n >= 1")
        }
        index = i
        count = n
    }

    public func contains(_ run: PlannedRun) -> Bool { run.ordinal % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
