import SimCore

/// Idle sessions ordered by one of the classic cache replacement policies that the paging
/// model also uses (LRU, FIFO, CLOCK, SIEVE, LFU, ARC from SimCore/Cache/Policies): each
/// session's KV is one object, referenced when its turn ends (retained) and when its next
/// turn reuses it; the policy's eviction order picks the idle session to evict. Evicted KV
/// spills to DRAM when the server has a DRAM tier (whose own order stays LRU).
///
/// The policy is driven through `CachePolicy.access` with room for every session, so it
/// never evicts on its own; a victim is found by asking it to evict until it removes an
/// idle session other than the one being admitted. Sessions it removes that are in use or
/// excluded are referenced again afterwards (for ARC this registers as a ghost hit, a rare
/// distortion); sessions whose KV is gone for good (finished or rejected) are dropped then.
/// Needs the number of sessions in advance (open arrivals or a trace), because the
/// policies index their metadata by object id.
public struct CachePolicyRetention<Policy: EvictionReporting & Sendable>: KVRetentionPolicy {
    public static var summary: String { "\(Policy.self) from the paging model orders idle sessions (references: turn end, reuse); spills to DRAM" }

    public let spillsToDRAM = true
    private var policy: Policy
    /// Whether each session's KV is idle in HBM (evictable), and whether its turn is running.
    private var idle: [Bool]
    private var inUse: [Bool]
    private var references = 0

    public init(policy: Policy, sessions: Int) {
        self.policy = policy
        idle = [Bool](repeating: false, count: sessions)
        inUse = idle
    }

    private mutating func reference(_ session: Int) {
        _ = policy.access(CacheRequest(object: session, index: references))
        references += 1
    }

    public func decide(_ kv: IdleKV) -> RetentionDecision { .keep }

    public mutating func retained(_ kv: IdleKV) {
        idle[kv.session] = true
        inUse[kv.session] = false
        reference(kv.session)
    }

    public mutating func reused(session: Int) {
        inUse[session] = true
        reference(session)
    }

    public mutating func released(session: Int) { idle[session] = false }

    public mutating func victim(excluding session: Int, now: SimTime) -> Int? {
        var putBack: [Int] = []
        var found: Int?
        while found == nil, policy.residentCount > 0 {
            policy.evict(for: CacheRequest(object: session, index: references))
            let candidate = policy.lastEvicted
            if idle[candidate], candidate != session {
                found = candidate
            } else if inUse[candidate] || candidate == session {
                putBack.append(candidate)
            }
        }
        for s in putBack { reference(s) }
        return found
    }
}
