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
    /// `ttl-predicted`: the cap on pinned calls grows linearly with the turns a session has
    /// completed, reaching `ttl` after this many (1: the full cap from the first turn).
    public var fullAfterTurns: Int

    public init(ttl: SimTime, margin: Double, errorModel: PredictionErrorModel, fullAfterTurns: Int = 1) {
        self.ttl = ttl
        self.margin = margin
        self.errorModel = errorModel
        self.fullAfterTurns = fullAfterTurns
    }

    /// The longest predicted call pinned after `turnsDone` turns.
    public func cap(turnsDone: Int) -> SimTime {
        .seconds(ttl.seconds * min(1, Double(turnsDone) / Double(max(fullAfterTurns, 1))))
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
///                margin x d' if d' <= ttl.seconds x min(1, turns done / ttl.full_after_turns),
///                else do not pin
/// ```
/// The turn count enters because a program's context, and so the cost of losing it, grows
/// with its turns (Continuum sets its TTL from the reload cost and the turn number).
/// Too short a TTL re-prefills the history after long calls; too long a TTL holds memory
/// that queued turns need. Simplification: Continuum derives its TTL from a cost-benefit
/// model of reload cost and queueing; here the TTL is a parameter (or a margin over a
/// prediction), so its effect can be swept.
public struct TTLRetention: KVRetentionPolicy {
    public static let fixedSummary =
        "Continuum TTL: pin KV for ttl.seconds across tool calls, else LRU; evict at expiry"
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
        guard predicted <= settings.cap(turnsDone: kv.turnsDone).seconds else { return .keep }
        let pin = max(SimTime.seconds(predicted * settings.margin), SimTime(ticks: 1))
        return .pin(until: kv.now + pin)
    }

    public mutating func retained(_ kv: IdleKV) { lru.push(kv.session) }
    public mutating func released(session: Int) { lru.remove(session) }
    public func victim(excluding session: Int, now: SimTime) -> Int? { lru.oldest(excluding: session) }
}
