import CachePolicies
import SimCore

/// The eviction order of the idle sessions in one KV tier: sessions enter when their KV
/// lands in the tier and leave when it is reused, moved or dropped; `oldest` names the next
/// victim (the caller then removes it).
protocol IdleSessionOrder: Sendable {
    mutating func push(_ session: Int)
    mutating func remove(_ session: Int)
    mutating func oldest(excluding session: Int) -> Int?
    /// A use of a session's KV outside this tier (orders that learn from references record
    /// it), and whether the order must keep the session's metadata while it is away.
    mutating func touch(_ session: Int, keepingMetadata: Bool)
}

extension IdleSessionOrder {
    mutating func touch(_ session: Int, keepingMetadata: Bool) {}
}

extension SessionLRUList: IdleSessionOrder {}

/// An idle-session order kept by a classic cache policy of SimCore (the paging model's LRU,
/// FIFO, CLOCK, SIEVE, LFU or ARC): a session's KV is one object, referenced each time it
/// enters the tier (and, through `reference`, whenever its owner says it was used). The
/// policy is driven through `CachePolicy.access` with room for every session, so it never
/// evicts on its own; `oldest` asks it to evict until it removes a session present in the
/// tier other than the excluded one, and references that excluded session again (for ARC
/// a ghost hit, a rare distortion). Sessions it removes that have left the tier are dropped.
struct CachePolicyOrder<Policy: EvictionReporting & Sendable>: IdleSessionOrder {
    private var policy: Policy
    private var present: [Bool]
    /// Sessions that must not be lost from the policy when it picks them (their owner will
    /// reference them again), such as sessions whose turn is running.
    private var keepsMetadata: [Bool]
    private var references = 0

    init(policy: Policy, sessions: Int) {
        self.policy = policy
        present = [Bool](repeating: false, count: sessions)
        keepsMetadata = present
    }

    private mutating func reference(_ session: Int) {
        _ = policy.access(CacheRequest(object: session, index: references))
        references += 1
    }

    mutating func push(_ session: Int) {
        present[session] = true
        keepsMetadata[session] = false
        reference(session)
    }

    mutating func touch(_ session: Int, keepingMetadata: Bool) {
        keepsMetadata[session] = keepingMetadata
        reference(session)
    }

    mutating func remove(_ session: Int) { present[session] = false }

    mutating func oldest(excluding session: Int) -> Int? {
        var putBack: [Int] = []
        var found: Int?
        while found == nil, policy.residentCount > 0 {
            policy.evict(for: CacheRequest(object: session, index: references))
            let candidate = policy.lastEvicted
            if present[candidate], candidate != session {
                found = candidate
            } else if candidate == session || keepsMetadata[candidate] {
                putBack.append(candidate)
            }
        }
        for s in putBack { reference(s) }
        return found
    }
}

/// The classic policies that can order a tier, by their names in specs.
enum CachePolicyKind: String, CaseIterable, Sendable {
    case lru = "session-lru"
    case fifo = "session-fifo"
    case clock = "session-clock"
    case sieve = "session-sieve"
    case lfu = "session-lfu"
    case arc = "session-arc"

    /// The order over `sessions` sessions (capacity = object count = sessions).
    func order(sessions: Int) -> any IdleSessionOrder {
        let n = max(sessions, 1)
        let c = Int64(n)
        switch self {
        case .lru: return CachePolicyOrder(policy: LRUPolicy(capacity: c, objectCount: n), sessions: n)
        case .fifo: return CachePolicyOrder(policy: FIFOPolicy(capacity: c, objectCount: n), sessions: n)
        case .clock: return CachePolicyOrder(policy: ClockPolicy(capacity: c, objectCount: n), sessions: n)
        case .sieve: return CachePolicyOrder(policy: SievePolicy(capacity: c, objectCount: n), sessions: n)
        case .lfu: return CachePolicyOrder(policy: LFUPolicy(capacity: c, objectCount: n), sessions: n)
        case .arc: return CachePolicyOrder(policy: ARCPolicy(capacity: c, objectCount: n), sessions: n)
        }
    }
}
