import SimCore

/// One tier of KV memory (HBM, DRAM or SSD): its capacity and occupancy in tokens, the idle
/// KV each session holds in it, the policy that orders what it gives up, and the link to the
/// tier above it.
///
/// Occupancy counts the idle KV and whatever else the server charges to the tier (running
/// turns' allocations and the shared prompt in HBM, swapped-out turns in DRAM); the server
/// keeps it within capacity. Sessions are numbered from 0; `addSession` makes room for one more.
struct KVTier<Policy> {
    /// Capacity in tokens (0: the tier holds nothing).
    let capacityTokens: Int
    /// Tokens in use.
    var usedTokens = 0
    /// Idle KV tokens of each session in this tier (0: none), and their sum.
    private(set) var idleTokens: [Int]
    private(set) var idleTotal = 0
    /// What decides the order in which the tier gives up idle KV.
    var policy: Policy
    /// The link KV crosses between this tier and the one above it (`nil` for HBM, the top).
    var link: KVLink?

    init(capacityTokens: Int, sessions: Int, policy: Policy, link: KVLink? = nil) {
        self.capacityTokens = capacityTokens
        self.idleTokens = [Int](repeating: 0, count: sessions)
        self.policy = policy
        self.link = link
    }

    var freeTokens: Int { capacityTokens - usedTokens }

    mutating func addSession() { idleTokens.append(0) }

    /// Holds `tokens` of idle KV of `session`, which holds none here, and counts them as used.
    mutating func holdIdle(_ tokens: Int, of session: Int) {
        idleTokens[session] = tokens
        idleTotal += tokens
        usedTokens += tokens
    }

    /// Frees `tokens` of `session`'s idle KV (at most what it holds).
    mutating func freeIdle(_ tokens: Int, of session: Int) {
        let freed = min(tokens, idleTokens[session])
        idleTokens[session] -= freed
        idleTotal -= freed
        usedTokens -= freed
    }

    /// Queues a copy of `bytes` over the link to the tier above; returns when it ends (`now`
    /// for a tier without a link).
    mutating func transfer(bytes: Double, now: SimTime) -> SimTime {
        link?.transfer(bytes: bytes, now: now) ?? now
    }
}

/// A lower tier (DRAM, SSD), whose policy is an order of its idle sessions.
extension KVTier where Policy == any IdleSessionOrder {
    /// Moves `tokens` of `session`'s idle KV into the tier, as its most recent idle session.
    mutating func push(_ tokens: Int, of session: Int) {
        holdIdle(tokens, of: session)
        policy.push(session)
    }

    /// Drops all of `session`'s idle KV from the tier; returns how many tokens it held.
    @discardableResult
    mutating func drop(_ session: Int) -> Int {
        let tokens = idleTokens[session]
        freeIdle(tokens, of: session)
        policy.remove(session)
        return tokens
    }
}
