import SimCore

/// Counts of one trace run through one cache.
///
/// Byte counts weigh each request by its size (its object's size in that request): for a
/// unit-size trace they equal the request counts. A miss on an object larger than the
/// cache (never admitted) counts as a miss and is also counted in `notAdmitted`.
public struct CacheSimulationResult: Sendable, Equatable {
    public var requests: Int
    public var misses: Int
    /// The sum of all requests' sizes.
    public var bytes: Int64
    /// The sum of the missed requests' sizes.
    public var byteMisses: Int64
    /// Requests for an object larger than the whole cache (misses, never admitted).
    public var notAdmitted: Int
    public var missRatio: Double { requests == 0 ? 0 : Double(misses) / Double(requests) }
    public var byteMissRatio: Double { bytes == 0 ? 0 : Double(byteMisses) / Double(bytes) }
}

extension CachePolicy {
    /// Runs every request of `trace` through the shared access path.
    ///
    /// Called on an existential, this opens it once, so the loop runs on the concrete
    /// policy type without dynamic dispatch per request.
    public mutating func simulate(_ trace: Trace) -> CacheSimulationResult {
        var misses = 0
        guard trace.hasSizes else {
            for i in 0..<trace.count where !access(trace.request(at: i)) {
                misses += 1
            }
            let tooLarge = capacity < 1 ? trace.count : 0
            return CacheSimulationResult(
                requests: trace.count, misses: misses, bytes: Int64(trace.count), byteMisses: Int64(misses),
                notAdmitted: tooLarge)
        }
        var byteMisses: Int64 = 0
        var notAdmitted = 0
        for i in 0..<trace.count {
            let request = trace.request(at: i)
            if !access(request) {
                misses += 1
                byteMisses += request.size
                if request.size > capacity { notAdmitted += 1 }
            }
        }
        return CacheSimulationResult(
            requests: trace.count, misses: misses, bytes: trace.totalSize, byteMisses: byteMisses,
            notAdmitted: notAdmitted)
    }
}
