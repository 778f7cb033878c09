/// Demand caching with least-recently-used eviction: a missed adapter is admitted, and the
/// resident adapter served longest ago leaves (ties: lowest index).
public struct LRUAdapterController: AdapterCacheController {
    public static let summary = "demand caching, evict the least recently used adapter (cache-aware routing)"

    public let insertsOnMiss = true
    private var lastUse: [Int]

    public init(adapters: Int) { lastUse = [Int](repeating: -1, count: adapters) }

    public mutating func served(adapter: Int, round: Int) { lastUse[adapter] = round }

    public func victim(cache: AdapterCache, incoming: Int) -> Int {
        leastRecentlyUsed(cache.members, lastUse: lastUse)
    }
}

/// The member served longest ago (ties: lowest index).
func leastRecentlyUsed(_ members: [Int], lastUse: [Int]) -> Int {
    var victim = members.first ?? 0
    for a in members where lastUse[a] < lastUse[victim] { victim = a }
    return victim
}
