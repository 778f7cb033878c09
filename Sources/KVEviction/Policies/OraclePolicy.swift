/// Oracle: evict the tokens that will receive the least full attention over the rest of the
/// sequence (read from the future pass).
///
/// ```
/// victims: the cached tokens of least remaining full-attention weight, ties to the older
/// ```
/// Optimality: it is the greedy choice of Belady's kind, not an optimum. Evicted tokens never
/// return, so keeping the tokens of largest remaining attention need not maximise the summed
/// recall (a token needed soon but little can lose to one needed late and much); the maximum
/// recall under the budget is a selection problem over every step at once, which this oracle
/// does not solve, and no recall-based choice minimises output error, which also depends on
/// the values. It is an upper reference for the online policies, not a bound.
struct OraclePolicy: TokenEvictionPolicy {
    static let summary = "evict the tokens of least future full attention (greedy oracle; reads the future)"

    let future: TokenFuture

    mutating func observe(_ step: AttentionStep) {}
    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        lowestScoring(cache, count: excess) { future.remaining(Int($0)) }
    }
}

/// Under a shared budget (`SharedBudgetPolicy`): every token ranked by its remaining full-attention weight.
extension OraclePolicy: SharedBudgetPolicy {
    func evictable(in cache: [Int32], query: Int) -> [Int32] { cache }
    func retentionScore(_ position: Int32, query: Int) -> Double { future.remaining(Int(position)) }
}
