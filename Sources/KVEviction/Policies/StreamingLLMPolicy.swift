/// StreamingLLM (Xiao et al., "Efficient Streaming Language Models with Attention Sinks",
/// ICLR 2024): keep the first `sinks` tokens (the attention sinks; 4 in the paper) and a
/// window of the most recent ones.
///
/// ```
/// victims: the oldest positions that are not among the first `sinks`
/// ```
struct StreamingLLMPolicy: TokenEvictionPolicy {
    static let summary = "StreamingLLM (Xiao et al., ICLR 2024): attention sinks (the first tokens) + a recent window"

    let sinks: Int

    mutating func observe(_ step: AttentionStep) {}
    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] {
        let firstWindowToken = Int32(sinks)
        return Array(cache.lazy.filter { $0 >= firstWindowToken }.prefix(excess))
    }
}

/// Under a shared budget (`SharedBudgetPolicy`): the sinks of each head are protected, the rest ranked by age.
extension StreamingLLMPolicy: SharedBudgetPolicy {
    func evictable(in cache: [Int32], query: Int) -> [Int32] { cache.filter { $0 >= Int32(sinks) } }
    func retentionScore(_ position: Int32, query: Int) -> Double { Double(position) }
}
