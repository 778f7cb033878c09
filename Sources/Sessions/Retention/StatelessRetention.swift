import SimCore

/// Stateless serving (vLLM without prefix caching, the baseline of Pensieve, Yu et al.,
/// EuroSys 2025): a session's KV is dropped when its turn ends, so every turn re-prefills
/// the whole conversation history.
public struct StatelessRetention: KVRetentionPolicy {
    public static let summary = "stateless: drop the KV at turn end; every turn re-prefills the whole history"

    public init() {}
    public func decide(_ idle: IdleKV) -> RetentionDecision { .drop }
    public mutating func retained(_ idle: IdleKV) {}
    public mutating func released(session: Int) {}
    public func victim(excluding session: Int, now: SimTime) -> Int? { nil }
}
