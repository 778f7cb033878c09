/// What a cache controller is told when it plans a resident set.
public struct CachePlanningInput {
    /// The round about to be served.
    public let round: Int
    /// Scores of every adapter for the recent requests the controller asked to see (the
    /// router's optimistic estimates; true utilities for the oracle).
    public let scores: [[Double]]
    /// Cost, in reward units, of paging each adapter in once (exchange rate x latency).
    public let pagingCosts: [Double]
    public let cache: AdapterCache
}

/// Decides which LoRA adapters stay resident in GPU memory.
///
/// Two families: demand controllers (`insertsOnMiss`) admit every adapter paged in on a miss
/// and evict by their own order; planning controllers keep the set they chose at their
/// epoch boundaries and serve a miss by paging the adapter in for that request only.
public protocol AdapterCacheController: Sendable {
    /// Whether an adapter paged in on a miss is admitted (evicting `victim`s as needed).
    var insertsOnMiss: Bool { get }
    /// Whether the router is told the paging cost of non-resident adapters.
    var cacheAwareRouting: Bool { get }
    /// How many of the most recent requests a plan at `round` should score, or nil when the
    /// controller does not plan at this round.
    mutating func planningSample(at round: Int) -> Int?
    /// The resident set from now on (called when `planningSample` asked for a plan).
    mutating func plan(_ input: CachePlanningInput) -> [Int]
    /// An adapter the request of `round` must be served by (forced exploration), or nil.
    mutating func forcedAdapter(at round: Int) -> Int?
    /// Round `round` was served by `adapter`.
    mutating func served(adapter: Int, round: Int)
    /// The resident adapter to evict so that `incoming` can be admitted.
    mutating func victim(cache: AdapterCache, incoming: Int) -> Int
}

extension AdapterCacheController {
    public var insertsOnMiss: Bool { false }
    public var cacheAwareRouting: Bool { true }
    public mutating func planningSample(at round: Int) -> Int? { nil }
    public mutating func plan(_ input: CachePlanningInput) -> [Int] { input.cache.members }
    public mutating func forcedAdapter(at round: Int) -> Int? { nil }
    public mutating func served(adapter: Int, round: Int) {}
    public mutating func victim(cache: AdapterCache, incoming: Int) -> Int { cache.members.first ?? 0 }
}
