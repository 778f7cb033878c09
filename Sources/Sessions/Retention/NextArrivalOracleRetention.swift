import SimCore

/// The clairvoyant reference: keeps every session's KV between turns and, under pressure,
/// evicts the idle session whose next turn arrives furthest in the future (Belady's rule
/// over sessions; with sessions of unequal size it is a reference, not an optimum). It
/// reads the true gap of `IdleKV`, which no online policy may.
///
/// Cost: `victim` scans the idle sessions, O(idle) per eviction.
public struct NextArrivalOracleRetention: KVRetentionPolicy {
    public static let summary =
        "oracle: keep idle KV, evict the session whose next turn arrives furthest in the future (knows the gaps)"

    private var idle = IdleSessionTable()

    public init() {}
    public func decide(_ kv: IdleKV) -> RetentionDecision { .keep }
    public mutating func retained(_ kv: IdleKV) { idle.insert(kv) }
    public mutating func released(session: Int) { idle.remove(session) }

    public func victim(excluding session: Int, now: SimTime) -> Int? {
        idle.minimum(excluding: session) { -Double(($0.now + $0.gap).ticks) }
    }
}
