import SimCore

/// Stateful serving with LRU eviction (Pensieve, Yu et al., "Stateful Large Language Model
/// Serving with Pensieve", EuroSys 2025, which keeps conversation KV in a GPU cache backed
/// by a CPU cache): a session's KV stays in HBM between turns; when a new turn needs room,
/// the idle session whose turn ended longest ago is evicted. Registered twice:
/// - `hbm-lru` (`spillsToDRAM == false`): the evicted KV is dropped, and the session's next
///   turn re-prefills its history;
/// - `tiered-lru` (`spillsToDRAM == true`): the evicted KV moves to the server's DRAM tier
///   (dropped from there least recently idle first when DRAM is full), and the next turn
///   copies it back over the host link instead of recomputing it.
///
/// Eviction order is recency only; `pensieve` (`CostAwareRetention`) weighs recompute cost too.
public struct HBMLRURetention: KVRetentionPolicy {
    public static let summary = "keep idle KV in HBM; evict the least recently idle session under pressure (dropped)"
    public static let tieredSummary =
        "keep idle KV in HBM, spill the least recently idle to DRAM, drop from DRAM by LRU"

    public let spillsToDRAM: Bool
    private var idle: SessionLRUList

    public init(sessions: Int, spillsToDRAM: Bool = false) {
        idle = SessionLRUList(sessions: sessions)
        self.spillsToDRAM = spillsToDRAM
    }

    public func decide(_ idle: IdleKV) -> RetentionDecision { .keep }
    public mutating func retained(_ kv: IdleKV) { idle.push(kv.session) }
    public mutating func released(session: Int) { idle.remove(session) }
    public func victim(excluding session: Int, now: SimTime) -> Int? { idle.oldest(excluding: session) }
}
