/// Query-aware eviction decided once (SnapKV, Li et al., NeurIPS 2024, and similar
/// compressors): after prefilling the context with the first question, keep the `budget`
/// tokens that question attends to most and drop the rest for good; later questions see
/// only what the first one found relevant (the multi-turn failure SCBench reports,
/// Li et al., "SCBench: A KV Cache-Centric Analysis of Long-Context Methods", ICLR 2025).
public struct EvictAfterFirstQuestionMethod: ContextKVMethod {
    public static let summary =
        "SnapKV-style: keep the budget tokens the first question attends to most, evict the rest for every later question"

    public let budget: Int
    public let readsRelevance = RelevanceUse.firstQuestion
    private var kept: [Int]?

    public init(budget: Int) { self.budget = budget }

    public mutating func attended(turn: Int, relevance: [[Double]], contextTokens: Int) -> [Int] {
        if let kept { return kept }
        let chosen = topPositions(relevance[0], budget: budget)
        kept = chosen
        return chosen
    }

    public func residentTokens(contextTokens: Int) -> Int { min(budget, contextTokens) }
}
