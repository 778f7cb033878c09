import SimCore

/// Idle sessions in HBM ordered by one of the classic cache replacement policies that the
/// paging model also uses (`CachePolicyOrder` over the CachePolicies target's LRU, FIFO, CLOCK, SIEVE, LFU
/// or ARC): a session's KV is referenced when its turn ends (it becomes idle) and when its
/// next turn reuses it, and the policy's eviction order picks the idle session to evict.
/// Evicted KV spills to DRAM when the server has a DRAM tier (ordered by
/// `server.dram_policy`). Needs the number of sessions in advance (open arrivals or a
/// trace), because the policies index their metadata by object id.
struct CachePolicyRetention: KVRetentionPolicy {
    static func summary(_ kind: CachePolicyKind) -> String {
        "the classic \(kind.rawValue.dropFirst("session-".count).uppercased()) policy (the paging model's implementation) over whole sessions orders idle ones (referenced at turn end and reuse); spills to DRAM"
    }

    let spillsToDRAM = true
    private var order: any IdleSessionOrder

    init(kind: CachePolicyKind, sessions: Int) {
        order = kind.order(sessions: sessions)
    }

    func decide(_ kv: IdleKV) -> RetentionDecision { .keep }
    mutating func retained(_ kv: IdleKV) { order.push(kv.session) }
    /// The KV was used by the turn now running; the policy keeps its metadata until it ends.
    mutating func reused(session: Int) { order.touch(session, keepingMetadata: true) }
    mutating func released(session: Int) { order.remove(session) }
    mutating func victim(excluding session: Int, now: SimTime) -> Int? { order.oldest(excluding: session) }
}
