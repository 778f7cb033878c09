import SimCore

/// Cost-aware eviction over a GPU cache backed by DRAM, after Pensieve (Yu, Lin and Li,
/// "Stateful Large Language Model Serving with Pensieve", EuroSys 2025), which ranks
/// cached conversation state by its recomputation cost against the time since it was
/// last used.
///
/// Every session's KV is kept between turns. Under pressure the evicted session is the
/// one of least retention value
/// ```
/// value = (recompute FLOPs per byte freed) / (seconds idle)
/// recompute FLOPs per token of an h-token history = (2 P h + 4 L d h (h + 1) / 2) / h
///                                                  = 2 P + 2 L d (h + 1)
/// ```
/// (the cost model's weight and attention FLOPs, P the weights a prompt token runs
/// through; bytes per token are fixed), so short
/// histories idle for long go first, and long histories, whose every token attends to
/// more context, are kept longer than LRU would. Evicted KV spills to DRAM when the server
/// has a DRAM tier. Simplification: Pensieve evicts fixed-size token chunks, leading chunks
/// first; this policy evicts whole sessions.
///
/// Cost: `victim` scans the idle sessions, O(idle) per eviction.
public struct CostAwareRetention: KVRetentionPolicy {
    public static let summary =
        "Pensieve: keep idle KV, evict the session of least recompute cost per byte / idle time, spill to DRAM"

    public let spillsToDRAM = true
    private let weightFLOPsPerToken: Double
    private let attentionFLOPsPerContextToken: Double
    private var idle = IdleSessionTable()

    public init(cost: StepCostModel) {
        weightFLOPsPerToken = cost.roofline.weightFLOPsPerPromptToken
        attentionFLOPsPerContextToken = 2 * Double(cost.model.layers) * Double(cost.model.attentionWidth)
    }

    /// Recompute FLOPs per token of a `history`-token conversation.
    public func recomputeFLOPsPerToken(history: Int) -> Double {
        weightFLOPsPerToken + attentionFLOPsPerContextToken * Double(history + 1)
    }

    public func decide(_ kv: IdleKV) -> RetentionDecision { .keep }
    public mutating func retained(_ kv: IdleKV) { idle.insert(kv) }
    public mutating func released(session: Int) { idle.remove(session) }

    public func victim(excluding session: Int, now: SimTime) -> Int? {
        idle.minimum(excluding: session) { entry in
            let idleSeconds = max((now - entry.now).seconds, 1e-9)
            return recomputeFLOPsPerToken(history: entry.contextTokens) / idleSeconds
        }
    }
}
