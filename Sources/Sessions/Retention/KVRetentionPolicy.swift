import SimCore

/// A session's KV that became idle at the end of a turn with a successor.
public struct IdleKV: Sendable, Equatable {
    public let session: Int
    /// KV tokens the session holds (whole allocation units).
    public let tokens: Int
    /// Tokens of the conversation so far (the next turn's history).
    public let contextTokens: Int
    /// Turns of the session completed so far (>= 1).
    public let turnsDone: Int
    /// When the turn ended.
    public let now: SimTime
    /// The true length of the gap before the next turn. Only the oracle reads it exactly;
    /// predicting policies pass it through their `Predictor`'s error model.
    public let gap: SimTime
    /// The tool whose call fills the gap, or `nil` for a user's think time.
    public let tool: Int?

    public init(session: Int, tokens: Int, contextTokens: Int, turnsDone: Int, now: SimTime, gap: SimTime, tool: Int?) {
        self.session = session
        self.tokens = tokens
        self.contextTokens = contextTokens
        self.turnsDone = turnsDone
        self.now = now
        self.gap = gap
        self.tool = tool
    }
}

/// What a retention policy does with idle KV.
public enum RetentionDecision: Sendable, Equatable {
    /// Free it now (the next turn re-prefills the history).
    case drop
    /// Keep it in HBM; it may be evicted under pressure.
    case keep
    /// Keep it in HBM, not evictable, until the next turn is admitted or `until`, whichever is
    /// first; if `until` comes first, the KV is evicted then (to DRAM when the policy spills).
    case pin(until: SimTime)
}

/// What happens to a session's KV cache between its turns.
///
/// Protocol: at the end of a turn with a successor the server asks `decide`. Kept KV is
/// announced with `retained` (at once for `.keep`; never for `.pin`, which the server holds
/// itself); under memory pressure the server asks for `victim`s among the retained
/// sessions, and it calls `released` when retained KV leaves HBM (reused by its next turn,
/// evicted, or discarded). Policies see only what `IdleKV` carries.
public protocol KVRetentionPolicy: Sendable {
    mutating func decide(_ idle: IdleKV) -> RetentionDecision
    /// Retained, evictable idle KV of a session.
    mutating func retained(_ idle: IdleKV)
    /// A retained session's KV left the evictable set.
    mutating func released(session: Int)
    /// A session's next turn was admitted with its KV found (called after `released`).
    mutating func reused(session: Int)
    /// The retained session to evict next other than `session` (whose turn is being
    /// admitted), if any; the server then releases it.
    mutating func victim(excluding session: Int, now: SimTime) -> Int?
    /// Whether KV evicted from HBM moves to the DRAM tier (when the server has one) instead of being dropped.
    var spillsToDRAM: Bool { get }
    /// Whether the policy caches whole allocation blocks (vLLM's automatic prefix caching):
    /// a finished turn keeps only its full blocks (the partial last block is freed), and an
    /// eviction takes only as many of the victim's tail blocks as make room, so the rest of
    /// its prefix can still be reused. Otherwise sessions are kept and evicted whole.
    var evictsTailBlocks: Bool { get }
    /// Why the run's results are void, if they are (an external policy's failed conversation);
    /// the model throws it instead of reporting results. `nil` by default.
    var failure: (any Error)? { get }
}

extension KVRetentionPolicy {
    public mutating func reused(session: Int) {}
    public var spillsToDRAM: Bool { false }
    public var evictsTailBlocks: Bool { false }
    public var failure: (any Error)? { nil }
}
