/// A policy that evicts exactly one object per `evict(for:)` call and says which: what a
/// policy needs to be followed by `RobustCombinationPolicy`.
public protocol EvictionReporting: CachePolicy {
    /// Number of `evict(for:)` calls so far.
    var evictionCount: Int { get }
    /// The object removed by the latest `evict(for:)` call (meaningless before the first).
    var lastEvicted: Int { get }
}
