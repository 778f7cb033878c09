import SimCore

/// Automatic prefix caching with block hashing and an LRU free list, as vLLM implements
/// it (Kwon et al., SOSP 2023; vLLM's automatic prefix caching design): every full KV block
/// is identified by the hash of its tokens and of the blocks before it; a finished request's
/// blocks go to a free list ordered by last use, still cached; a new request reuses the
/// longest chain of cached blocks that matches its prefix; a block is overwritten only when
/// a free block is needed, least recently used first and, within one request, its last
/// block first.
///
/// Here, in a session of token sequences that only grow, a session's cached chain is a
/// prefix of its history: a finished turn keeps its full blocks (its partial last block is
/// freed); under pressure the least recently idle session loses tail blocks, as few as
/// make room, and its next turn reuses what is left and recomputes the rest. Blocks that lie
/// wholly inside the common system prompt hash alike in every session and are held once
/// (the model sets the server's shared prefix to them). Requires a block allocator (paged
/// or demand-paged).
public struct PrefixCacheRetention: KVRetentionPolicy {
    public static let name = "prefix-cache"
    public static let summary =
        "vLLM prefix caching: full blocks kept in an LRU free list, tail blocks evicted first, system prompt blocks shared"

    public let evictsTailBlocks = true
    private var idle: SessionLRUList

    public init(sessions: Int) { idle = SessionLRUList(sessions: sessions) }

    public func decide(_ kv: IdleKV) -> RetentionDecision { .keep }
    public mutating func retained(_ kv: IdleKV) { idle.push(kv.session) }
    public mutating func released(session: Int) { idle.remove(session) }
    public func victim(excluding session: Int, now: SimTime) -> Int? { idle.oldest(excluding: session) }
}
