/// Sliding window: keep the most recent `budget` tokens (local attention, the baseline of
/// StreamingLLM and H2O).
///
/// ```
/// victims: the oldest positions of the cache
/// ```
struct WindowPolicy: TokenEvictionPolicy {
    static let summary = "sliding window: keep the most recent tokens"

    mutating func observe(_ step: AttentionStep) {}
    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] { Array(cache.prefix(excess)) }
}

/// Under a shared budget (`SharedBudgetPolicy`): every token ranked by age, so each head loses its oldest, as alone.
extension WindowPolicy: SharedBudgetPolicy {
    func evictable(in cache: [Int32], query: Int) -> [Int32] { cache }
    func retentionScore(_ position: Int32, query: Int) -> Double { Double(position) }
}
