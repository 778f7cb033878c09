import SimCore

/// What a retention policy may be built from: the run's sessions count (a hint for
/// array sizes), the cost model, the policy's `ttl.*` settings and its own random stream.
public struct RetentionContext: Sendable {
    public let sessions: Int
    public let cost: RooflineCostModel
    public let ttl: TTLSettings
    public let random: RandomSource
}

/// The registry of retention policies: stable names to factories.
public enum KVRetentionRegistry {
    public static let entries: [(name: String, summary: String, make: @Sendable (RetentionContext) -> any KVRetentionPolicy)] = [
        ("stateless", StatelessRetention.summary, { _ in StatelessRetention() }),
        ("hbm-lru", HBMLRURetention.summary, { HBMLRURetention(sessions: $0.sessions) }),
        ("tiered-lru", HBMLRURetention.tieredSummary, { HBMLRURetention(sessions: $0.sessions, spillsToDRAM: true) }),
        (PrefixCacheRetention.name, PrefixCacheRetention.summary, { PrefixCacheRetention(sessions: $0.sessions) }),
        ("pensieve", CostAwareRetention.summary, { CostAwareRetention(cost: $0.cost) }),
        ("ttl", TTLRetention.fixedSummary, { TTLRetention(sessions: $0.sessions, settings: $0.ttl, predictor: nil) }),
        (
            "ttl-predicted", TTLRetention.predictedSummary,
            { TTLRetention(sessions: $0.sessions, settings: $0.ttl, predictor: Predictor(errorModel: $0.ttl.errorModel, random: $0.random)) }
        ),
        ("oracle", NextArrivalOracleRetention.summary, { _ in NextArrivalOracleRetention() }),
        cachePolicy("paging-lru") { LRUPolicy(capacity: $0, objectCount: $1) },
        cachePolicy("paging-fifo") { FIFOPolicy(capacity: $0, objectCount: $1) },
        cachePolicy("paging-clock") { ClockPolicy(capacity: $0, objectCount: $1) },
        cachePolicy("paging-sieve") { SievePolicy(capacity: $0, objectCount: $1) },
        cachePolicy("paging-lfu") { LFUPolicy(capacity: $0, objectCount: $1) },
        cachePolicy("paging-arc") { ARCPolicy(capacity: $0, objectCount: $1) },
    ]

    /// The names of the entries that order sessions by a classic cache policy (they need
    /// the number of sessions in advance).
    public static let cachePolicyNames = ["paging-lru", "paging-fifo", "paging-clock", "paging-sieve", "paging-lfu", "paging-arc"]

    /// An entry whose policy holds every session of the run (capacity = object count = sessions).
    private static func cachePolicy<P: EvictionReporting & Sendable>(
        _ name: String, _ make: @escaping @Sendable (Int64, Int) -> P
    ) -> (name: String, summary: String, make: @Sendable (RetentionContext) -> any KVRetentionPolicy) {
        (name, CachePolicyRetention<P>.summary, { context in
            let objects = max(context.sessions, 1)
            return CachePolicyRetention(policy: make(Int64(objects), objects), sessions: objects)
        })
    }

    public static var names: [String] { entries.map(\.name) }
}
