/// Attention sinks plus a recent window (StreamingLLM, Xiao et al., ICLR 2024): keeps the
/// first 4 tokens and the last `budget - 4`, whatever the question.
public struct StreamingWindowMethod: ContextKVMethod {
    public static let summary = "StreamingLLM: 4 attention-sink tokens plus the most recent budget - 4, query-agnostic"
    public static let sinkTokens = 4

    public let budget: Int

    public init(budget: Int) { self.budget = budget }

    public func attended(turn: Int, relevance: [[Double]], contextTokens: Int) -> [Int] {
        guard budget < contextTokens else { return Array(0..<contextTokens) }
        let sinks = min(Self.sinkTokens, budget)
        return Array(0..<sinks) + Array((contextTokens - (budget - sinks))..<contextTokens)
    }

    public func residentTokens(contextTokens: Int) -> Int { min(budget, contextTokens) }
}
