/// Demand caching with least-frequently-used eviction: the resident adapter with the fewest
/// requests served so far leaves (ties: least recently used, then lowest index).
public struct LFUAdapterController: AdapterCacheController {
    public static let summary = "demand caching, evict the least frequently used adapter (cache-aware routing)"

    public let insertsOnMiss = true
    private var uses: [Int]
    private var lastUse: [Int]

    public init(adapters: Int) {
        uses = [Int](repeating: 0, count: adapters)
        lastUse = [Int](repeating: -1, count: adapters)
    }

    public mutating func served(adapter: Int, round: Int) {
        uses[adapter] += 1
        lastUse[adapter] = round
    }

    public func victim(cache: AdapterCache, incoming: Int) -> Int {
        let members = cache.members
        var victim = members.first ?? 0
        for a in members where (uses[a], lastUse[a]) < (uses[victim], lastUse[victim]) { victim = a }
        return victim
    }
}
