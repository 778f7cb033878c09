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
