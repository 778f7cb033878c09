/// Stateful serving over HBM and host DRAM (Pensieve, Yu et al., "Stateful Large Language
/// Model Serving with Pensieve", EuroSys 2025, which keeps conversation KV in a GPU cache
/// backed by a CPU cache): idle KV stays in HBM; the least recently idle session is moved
/// to DRAM when HBM needs room, and dropped from DRAM (least recently idle first) when DRAM
/// is full. A turn whose history is in DRAM copies it back over the host link before its
/// prefill instead of recomputing it.
///
/// Eviction order is recency only; Pensieve's cost-aware choice (cheapest to recompute per
/// byte) is not modelled yet.
public struct TieredLRURetention: KVRetentionPolicy {
    public static let summary = "keep idle KV in HBM, spill the least recently idle to DRAM, drop from DRAM by LRU"

    private var idle: SessionLRUList

    public init(sessions: Int) { idle = SessionLRUList(sessions: sessions) }

    public var spillsToDRAM: Bool { true }
    public func keepsIdleKV(session: Int) -> Bool { true }
    public mutating func retained(session: Int) { idle.push(session) }
    public mutating func released(session: Int) { idle.remove(session) }
    public func victim(excluding session: Int) -> Int? { idle.oldest(excluding: session) }
}
