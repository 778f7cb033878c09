/// Query-aware retrieval every question (Quest, Tang et al., ICML 2024; RetrievalAttention,
/// Liu et al., 2024; the KV-offloading methods of SCBench): the whole context's KV stays in
/// a slower tier, and each question loads the `budget` tokens it attends to most.
public struct RetrievePerTurnMethod: ContextKVMethod {
    public static let summary =
        "offload all KV, load the budget tokens each question attends to most (query-aware per turn)"

    public let budget: Int
    public let loadsPerTurn = true
    public let readsRelevance = RelevanceUse.everyQuestion

    public init(budget: Int) { self.budget = budget }

    public func attended(turn: Int, relevance: [[Double]], contextTokens: Int) -> [Int] {
        topPositions(relevance[turn], budget: budget)
    }

    public func residentTokens(contextTokens: Int) -> Int { min(budget, contextTokens) }
}
