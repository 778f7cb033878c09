/// H2O (Zhang et al., "H2O: Heavy-Hitter Oracle for Efficient Generative Inference of Large
/// Language Models", NeurIPS 2023): keep the heavy hitters, the tokens of largest accumulated
/// attention, and a window of recent tokens; the budget is split between them
/// (`h2o.recent_share`, half in the paper's experiments).
///
/// ```
/// every step: score(i) += attention of the query to cached token i (over the cache)
/// victims: outside the most recent round(recent_share x budget) positions, the tokens of
///          least accumulated score, ties to the older
/// ```
/// The prompt's scores accumulate over the prefill queries, so the first eviction
/// compresses the prompt by the same rule.
struct H2OPolicy: TokenEvictionPolicy {
    static let summary =
        "H2O (Zhang et al., NeurIPS 2023): heavy hitters by accumulated attention + a recent window"

    let recent: Int
    private(set) var score: [Double]

    init(budget: Int, length: Int, recentShare: Double) {
        recent = Int((recentShare * Double(budget)).rounded())
        score = Array(repeating: 0, count: length)
    }

    mutating func observe(_ step: AttentionStep) {
        for (position, weight) in zip(step.positions, step.weights) { score[Int(position)] += Double(weight) }
    }

    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        let protected = min(recent, cache.count - excess)
        return lowestScoring(Array(cache.dropLast(protected)), count: excess) { score[Int($0)] }
    }
}

/// Under a shared budget (`SharedBudgetPolicy`): the recent window of each head is protected, the rest ranked by accumulated attention.
extension H2OPolicy: SharedBudgetPolicy {
    func evictable(in cache: [Int32], query: Int) -> [Int32] { Array(cache.dropLast(recent)) }
    func retentionScore(_ position: Int32, query: Int) -> Double { score[Int(position)] }
}
