/// Full attention: keeps every token (the reference every metric is measured against; its
/// budget is the whole sequence, whatever `budget.*` says).
struct FullPolicy: TokenEvictionPolicy {
    static let summary = "keep every token (full attention; the reference)"

    mutating func observe(_ step: AttentionStep) {}
    mutating func victims(in cache: [Int32], excess: Int, query: Int) -> [Int32] { Array(cache.prefix(excess)) }
}
