/// Scissorhands (Liu et al., "Scissorhands: Exploiting the Persistence of Importance
/// Hypothesis for LLM KV Cache Compression at Test Time", NeurIPS 2023): a token unimportant
/// over a recent history of steps will stay unimportant, so when the cache is full, drop a
/// batch of the tokens most often unimportant, protecting the most recent ones.
///
/// ```
/// every step: token i is important when its attention (over the cache) is at least
///             threshold / |cache| (threshold x the uniform share)
/// unimportant(i) = steps among the last `history` (since i was created) at which i was not
/// when over budget: outside the most recent `recent` tokens, drop the
///             max(excess, round(drop_share x budget)) tokens of largest unimportant(i),
///             ties to the older
/// ```
/// Constants: history 100 and recent 10 as in the authors' evaluation scripts
/// (`LRU_WINDOW`, `POSITION_WINDOW` of lzcemma/Scissorhands); that code marks importance by
/// each row's 90th percentile, this policy by a multiple of the uniform share (1 by
/// default), a choice of memsim's; the batch size is `scissorhands.drop_share`.
struct ScissorhandsPolicy: TokenEvictionPolicy {
    static let summary =
        "Scissorhands (Liu et al., NeurIPS 2023): drop in batches the tokens most often unimportant over a history window"

    let history: Int
    let recent: Int
    let drop: Int
    let threshold: Double
    private var observed: [Int32]
    private var important: [Int32]
    /// The tokens important at each of the last `history` steps (a ring by step).
    private var ring: [[Int32]]
    private var steps = 0

    init(budget: Int, length: Int, tuning: TokenPolicyTuning) {
        history = tuning.scissorhandsHistory
        recent = tuning.scissorhandsRecent
        drop = max(1, Int((tuning.scissorhandsDropShare * Double(budget)).rounded()))
        threshold = tuning.scissorhandsThreshold
        observed = Array(repeating: 0, count: length)
        important = Array(repeating: 0, count: length)
        ring = Array(repeating: [], count: history)
    }

    mutating func observe(_ step: AttentionStep) {
        let slot = steps % history
        if steps >= history {
            for token in ring[slot] { important[Int(token)] -= 1 }
        }
        let bar = Float(threshold / Double(step.positions.count))
        var now: [Int32] = []
        for (position, weight) in zip(step.positions, step.weights) where weight >= bar {
            important[Int(position)] += 1
            now.append(position)
        }
        ring[slot] = now
        for position in step.positions { observed[Int(position)] += 1 }
        steps += 1
    }

    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        let protected = min(recent, cache.count - excess)
        let candidates = Array(cache.dropLast(protected))
        let count = min(candidates.count, max(excess, drop))
        return lowestScoring(candidates, count: count) { position in
            let i = Int(position)
            let window = min(Int(observed[i]), history)
            return -Double(window - Int(important[i]))
        }
    }
}
