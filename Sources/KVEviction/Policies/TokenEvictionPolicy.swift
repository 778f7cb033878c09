import SimCore

/// What one query step shows a policy: the attention the query paid to the tokens in the
/// cache, renormalised over them (what a real engine computes; evicted tokens are invisible).
public struct AttentionStep {
    /// The query's position (the newest token; its own KV is in the cache).
    public let query: Int
    /// Prompt length: steps with `query < prefill` are the prefill.
    public let prefill: Int
    /// Cached token positions, increasing.
    public let positions: [Int32]
    /// The attention weight of each cached token, aligned with `positions`, summing to 1.
    public let weights: [Float]

    /// Whether this step is part of the prefill (no eviction happens during it).
    public var isPrefill: Bool { query < prefill }
}

/// What the future holds under full attention, for the policies that read it (`oracle`,
/// `trim-kv`): totals from a first pass over the same seeded attention, and what each token
/// has received so far, advanced by the simulation after every decode step.
public final class TokenFuture {
    /// Full-attention weight each token receives over all decode steps.
    public let totalDecodeAttention: [Double]
    /// Steps from each token's creation to its last useful decode step (full-attention weight
    /// at least `trim-kv.useful_share` times the uniform share); 1 if it is never useful.
    public let lifetime: [Double]
    /// Full-attention weight each token has received over the decode steps so far.
    public internal(set) var received: [Double]

    init(totalDecodeAttention: [Double], lifetime: [Double]) {
        self.totalDecodeAttention = totalDecodeAttention
        self.lifetime = lifetime
        received = Array(repeating: 0, count: totalDecodeAttention.count)
    }

    /// Full-attention weight token `i` will receive after the steps so far.
    public func remaining(_ i: Int) -> Double { totalDecodeAttention[i] - received[i] }
}

/// Everything a token eviction policy may be built from.
public struct TokenPolicyContext {
    /// Tokens the cache may hold between steps (the policy's budget for this head).
    public let budget: Int
    /// Prompt length and decode steps of the sequence.
    public let prefill: Int
    public let decode: Int
    /// The policies' constants (`h2o.recent_share`, ...).
    public let tuning: TokenPolicyTuning
    /// The policy's own random stream (`random`).
    public let random: RandomSource
    /// The future, for policies that read it (`nil` otherwise).
    public let future: TokenFuture?
}

/// A token-level KV eviction policy for one head's cache.
///
/// Protocol, per query step t (prefill steps first, then decode steps): the new token t
/// joins the cache, the query attends to the cache, the policy `observe`s that attention,
/// and then, if the cache is over budget (only after the prefill: the whole prompt is
/// cached while it is processed, and the first `victims` call compresses it), the
/// simulation asks for `victims` and removes them. Between steps the cache holds at most
/// `budget` tokens.
public protocol TokenEvictionPolicy {
    mutating func observe(_ step: AttentionStep)
    /// Positions to evict from `cache` (increasing positions, all cached), at least
    /// `excess` of them (a batch policy may drop more); `query` is the current step.
    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32]
}
