import SimCore

/// Counts of one trace run through one cache.
public struct CacheSimulationResult: Sendable, Equatable {
    public var requests: Int
    public var misses: Int
    public var missRatio: Double { requests == 0 ? 0 : Double(misses) / Double(requests) }
}

extension CachePolicy {
    /// Runs every request of `trace` through the shared access path.
    ///
    /// Called on an existential, this opens it once, so the loop runs on the concrete
    /// policy type without dynamic dispatch per request.
    public mutating func simulate(_ trace: Trace) -> CacheSimulationResult {
        var misses = 0
        for i in 0..<trace.count where !access(trace.request(at: i)) {
            misses += 1
        }
        return CacheSimulationResult(requests: trace.count, misses: misses)
    }
}
