import SimCore

/// The `ttl.*` settings of the time-to-live policies.
public struct TTLSettings: Sendable, Equatable {
    /// `ttl`: the pin length; `ttl-predicted`: the longest pin (predicted calls longer than
    /// this are not pinned).
    public var ttl: SimTime
    /// `ttl-predicted`: the pin lasts `margin` x the predicted tool-call duration.
    public var margin: Double
    /// `ttl-predicted`: how the predicted duration is derived from the true one
    /// (`perfect` or `lognormal`; the adversarial model needs the whole sequence).
    public var errorModel: PredictionErrorModel

    public init(ttl: SimTime, margin: Double, errorModel: PredictionErrorModel) {
        self.ttl = ttl
        self.margin = margin
        self.errorModel = errorModel
    }
}

/// Time-to-live pinning across tool calls, after Continuum (Li et al., "Continuum:
/// Efficient and Robust Multi-Turn LLM Agent Scheduling with KV Cache Time-to-Live", 2025):
/// when a turn ends in a tool call, the session's KV is pinned in HBM for a TTL, so the
/// agent's next turn finds it even under memory pressure; if the call outlasts the TTL,
/// the KV is evicted then, which bounds what a stuck call can hold. Think-time gaps, and
/// calls that are not pinned, keep the KV evictable in LRU order (vLLM's prefix cache,
/// the baseline that evicts finished requests' KV when others wait).
///
/// ```
/// ttl            pin for ttl.seconds after every tool call
/// ttl-predicted  predict the call's duration d' (ttl.prediction.*); pin for
///                margin x d' if d' <= ttl.seconds, else do not pin
/// ```
/// Too short a TTL re-prefills the history after long calls; too long a TTL holds memory
/// that queued turns need. Simplification: Continuum derives its TTL from a cost-benefit
/// model of reload cost and queueing; here the TTL is a parameter (or a margin over a
/// prediction), so its effect can be swept.
public struct TTLRetention: KVRetentionPolicy {
    public static let fixedSummary = "Continuum TTL: pin KV for ttl.seconds across tool calls, else LRU; evict at expiry"
    public static let predictedSummary =
        "Continuum TTL from a predicted tool duration: pin for ttl.margin x prediction when it is <= ttl.seconds, else LRU"

    private let settings: TTLSettings
    private var predictor: Predictor?
    private var lru: SessionLRUList

    public init(sessions: Int, settings: TTLSettings, predictor: Predictor?) {
        self.settings = settings
        self.predictor = predictor
        lru = SessionLRUList(sessions: sessions)
    }

    public mutating func decide(_ kv: IdleKV) -> RetentionDecision {
        guard kv.tool != nil else { return .keep }
        guard predictor != nil else { return .pin(until: kv.now + settings.ttl) }
        let predicted = predictor?.predictValue(kv.gap.seconds) ?? kv.gap.seconds
        guard predicted <= settings.ttl.seconds else { return .keep }
        let pin = max(SimTime.seconds(predicted * settings.margin), SimTime(ticks: 1))
        return .pin(until: kv.now + pin)
    }

    public mutating func retained(_ kv: IdleKV) { lru.push(kv.session) }
    public mutating func released(session: Int) { lru.remove(session) }
    public func victim(excluding session: Int, now: SimTime) -> Int? { lru.oldest(excluding: session) }
}
