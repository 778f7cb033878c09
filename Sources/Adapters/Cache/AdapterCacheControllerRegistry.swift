import SimCore

/// What a cache controller may be built from.
public struct AdapterControllerParameters: Sendable {
    public var adapters: Int
    public var sizes: [Int]
    public var pagingSeconds: [Double]
    /// How often each adapter was the best among the historical requests (static top-K).
    public var popularity: [Int]
    public var epoch: Int
    public var firstEpoch: Int
    public var exploration: Double
    public var sample: Int
    /// The oracle's planned segments and sets (see `OraclePlanner`).
    public var oracleSegmentStarts: [Int]
    public var oracleSets: [[Int]]
}

/// The cache controllers of the `adapters` model, one file each.
public enum AdapterCacheControllerRegistry {
    public typealias Entry = RegistryEntry<AdapterControllerParameters, any AdapterCacheController>

    public static let entries: [Entry] = [
        Entry("static", StaticTopKController.summary, { StaticTopKController(popularity: $0.popularity) }),
        Entry("lru", LRUAdapterController.summary, { LRUAdapterController(adapters: $0.adapters) }),
        Entry("lfu", LFUAdapterController.summary, { LFUAdapterController(adapters: $0.adapters) }),
        Entry(
            "gds", GreedyDualSizeController.summary,
            { GreedyDualSizeController(pagingSeconds: $0.pagingSeconds, sizes: $0.sizes) }
        ),
        Entry("cache-unaware", CacheUnawareController.summary, { CacheUnawareController(adapters: $0.adapters) }),
        Entry("polar", POLARController.summary, { POLARController(epoch: $0.epoch, sample: $0.sample) }),
        Entry(
            "polar-plus", POLARPlusController.summary,
            {
                POLARPlusController(
                    adapters: $0.adapters, firstEpoch: $0.firstEpoch, exploration: $0.exploration, sample: $0.sample)
            }
        ),
        Entry(
            "oracle", OracleCacheController.summary,
            { OracleCacheController(segmentStarts: $0.oracleSegmentStarts, sets: $0.oracleSets) }
        ),
    ]

    public static var names: [String] { entries.map(\.name) }
}
