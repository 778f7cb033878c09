/// The decoupled baseline: the router ignores residency (it routes on its bandit index
/// alone, as if every adapter were loaded), and every miss pages the chosen adapter in and
/// admits it with LRU eviction.
public struct CacheUnawareController: AdapterCacheController {
    public static let summary = "router ignores residency; every miss pages in and admits with LRU eviction"

    public let insertsOnMiss = true
    public let cacheAwareRouting = false
    private var lru: LRUAdapterController

    public init(adapters: Int) { lru = LRUAdapterController(adapters: adapters) }

    public mutating func served(adapter: Int, round: Int) { lru.served(adapter: adapter, round: round) }

    public func victim(cache: AdapterCache, incoming: Int) -> Int { lru.victim(cache: cache, incoming: incoming) }
}
