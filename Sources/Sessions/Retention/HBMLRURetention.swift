/// Stateful serving in HBM with LRU eviction (the GPU tier of Pensieve, Yu et al.,
/// "Stateful Large Language Model Serving with Pensieve", EuroSys 2025): a session's KV
/// stays in HBM between turns; when a new turn needs room, the idle session whose turn
/// ended longest ago is evicted, and its next turn re-prefills its history.
public struct HBMLRURetention: KVRetentionPolicy {
    public static let summary = "keep idle KV in HBM; evict the least recently idle session under pressure (dropped)"

    private var idle: SessionLRUList

    public init(sessions: Int) { idle = SessionLRUList(sessions: sessions) }

    public func keepsIdleKV(session: Int) -> Bool { true }
    public mutating func retained(session: Int) { idle.push(session) }
    public mutating func released(session: Int) { idle.remove(session) }
    public func victim(excluding session: Int) -> Int? { idle.oldest(excluding: session) }
}
