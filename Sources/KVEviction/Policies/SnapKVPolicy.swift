/// SnapKV (Li et al., "SnapKV: LLM Knows What You are Looking for Before Generation", 2024;
/// FasterDecoding/SnapKV): the last `window` prompt queries (the observation window) show
/// which prompt tokens matter; at the end of the prefill each head keeps the observation
/// window and the top prompt tokens by pooled attention, once. Decode tokens are kept.
///
/// ```
/// prefill queries q in the last `window`: vote(i) += attention of q to i, i < prefill - window
/// at the end of a prefill longer than the budget: pooled(i) = max of vote over i - kernel/2 ... i + kernel/2
///     keep the window and the top (capacity - window) prompt tokens by pooled vote
///     (ties to the older); capacity = budget - reserve, reserve = min(decode, budget / 2)
/// decode: keep every new token; past the budget, evict the oldest decode token
/// ```
/// Constants: window 32, kernel 7, max pooling (the LongBench configuration of the
/// reference code). SnapKV itself lets the cache grow with the decode tokens; a budgeted
/// simulation must not, so it reserves room for them and, past that, drops the oldest one.
struct SnapKVPolicy: TokenEvictionPolicy {
    static let summary =
        "SnapKV (Li et al., 2024): prompt tokens chosen once by an observation window's pooled attention; decode tokens kept"

    let window: Int
    let kernel: Int
    let prefill: Int
    let capacity: Int
    private var vote: [Double]

    init(budget: Int, prefill: Int, decode: Int, tuning: TokenPolicyTuning) {
        window = min(tuning.snapkvWindow, prefill)
        kernel = tuning.snapkvKernel
        self.prefill = prefill
        capacity = budget - min(decode, budget / 2)
        vote = Array(repeating: 0, count: prefill)
    }

    mutating func observe(_ step: AttentionStep) {
        guard step.isPrefill, step.query >= prefill - window else { return }
        for (position, weight) in zip(step.positions, step.weights) where Int(position) < prefill - window {
            vote[Int(position)] += Double(weight)
        }
    }

    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        // Only a prompt longer than the budget is compressed, once, at its last step; a prompt
        // that fits is kept whole, and decode steps drop the oldest decode tokens.
        guard query == prefill - 1 else {
            let boundary = Int32(prefill)
            let decodeTokens = cache.filter { $0 >= boundary }
            let prompt = cache.filter { $0 < boundary }
            let oldestDecode = Array(decodeTokens.prefix(excess))
            return (Array(prompt.prefix(excess - oldestDecode.count)) + oldestDecode).sorted()
        }
        let keep = max(0, min(capacity, cache.count - excess) - window)
        let pooled = pooledVotes()
        let candidates = cache.filter { Int($0) < prefill - window }
        return lowestScoring(candidates, count: max(0, candidates.count - keep)) { pooled[Int($0)] }
    }

    private func pooledVotes() -> [Double] {
        let half = kernel / 2
        let end = max(0, prefill - window)
        return (0..<prefill).map { i in
            guard i < end else { return 0 }
            return vote[max(0, i - half)...min(end - 1, i + half)].max() ?? 0
        }
    }
}
