/// Full attention over the whole context, all of it resident: the accuracy reference and
/// the memory upper bound.
public struct KeepAllMethod: ContextKVMethod {
    public static let summary = "keep every context token's KV in HBM (full attention)"

    public init() {}
    public func attended(turn: Int, relevance: [[Double]], contextTokens: Int) -> [Int] { Array(0..<contextTokens) }
    public func residentTokens(contextTokens: Int) -> Int { contextTokens }
}
