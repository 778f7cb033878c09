/// A policy whose retention scores compare across the heads of a layer, so that the heads can
/// share one budget (`budget.scope: layer`): at each eviction the simulation pools every head's
/// evictable tokens and evicts those of least score, wherever they are, the flattened
/// selection of Ada-KV (Feng et al., "Ada-KV: Optimizing KV Cache Eviction by Adaptive Budget
/// Allocation for Efficient LLM Inference", arXiv:2407.11550, 2024).
///
/// ```
/// shared eviction at step t, when the layer's heads hold more than heads x budget tokens:
///   pool (score(i), i, head) over every head's evictable(cache)
///   evict the `excess` of least score, ties to the older position, then the lower head
/// ```
/// Scores must mean the same in every head: the attention a policy accumulates is normalised
/// per head (each step's weights sum to 1), positions and ages are shared, and future
/// attention is normalised the same way. Batch policies (Scissorhands), one-shot prompt
/// selection (SnapKV), interval-based scoring (LazyEviction) and `random` do not conform.
protocol SharedBudgetPolicy: TokenEvictionPolicy {
    /// The cached positions the policy may evict at step `query` (not those it protects: a
    /// recent window, attention sinks), increasing.
    func evictable(in cache: [Int32], query: Int) -> [Int32]
    /// The retention score of cached position `position` at step `query`: the least is evicted first.
    func retentionScore(_ position: Int32, query: Int) -> Double
}
