import SimCore

/// The robust fallback of learning-augmented paging: run a prediction-following policy
/// and a robust one side by side on virtual caches, follow one of them, and switch when
/// the followed one's virtual misses exceed a doubling bound (the deterministic
/// combination of Fiat, Rabani and Ravid 1994, as used by Antoniadis, Coester, Eliáš,
/// Polak and Simon, ICML 2020, and by Wei, APPROX 2020, for learning-augmented paging).
///
/// ```
/// follow A first, bound = 1
/// on every request: serve it on both virtual caches; while misses(followed) > bound,
///     follow the other one and double the bound
/// physical cache, lazily: on a miss with a full cache, evict the least recently used
///     physical page that the followed virtual cache does not hold (one exists, since
///     the followed cache holds the requested page)
/// ```
/// Guarantee: the physical misses are within a constant factor of min(misses(A),
/// misses(B)), so following predictions costs at most a constant over the robust policy
/// (for randomized marking, O(log k) times OPT), and little over A when A is good.
public struct RobustCombinationPolicy<Predicted: CachePolicy, Robust: CachePolicy>: CachePolicy {
    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { physical.count }
    private var predicted: Predicted
    private var robust: Robust
    private var physical: ObjectList
    private(set) var predictedMisses = 0
    private(set) var robustMisses = 0
    private(set) var followingPredicted = true
    private(set) var switches = 0
    private var bound = 1

    public init(capacity: Int64, objectCount: Int, predicted: Predicted, robust: Robust) {
        self.capacity = capacity
        self.predicted = predicted
        self.robust = robust
        physical = ObjectList(objectCount: objectCount)
    }

    public func contains(_ object: Int) -> Bool { physical.contains[object] }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        if !predicted.access(request) { predictedMisses += 1 }
        if !robust.access(request) { robustMisses += 1 }
        while (followingPredicted ? predictedMisses : robustMisses) > bound {
            followingPredicted.toggle()
            switches += 1
            bound *= 2
        }
        guard physical.contains[request.object] else { return false }
        physical.moveToHead(request.object)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        var candidate = physical.tail
        while candidate != ObjectList.none, followed(contains: candidate) {
            candidate = physical.newer[candidate]
        }
        if candidate == ObjectList.none { candidate = physical.tail }   // unreachable for unit sizes
        physical.remove(candidate)
        occupancy -= 1
    }

    public mutating func insert(_ request: CacheRequest) {
        physical.pushHead(request.object)
        occupancy += request.size
    }

    private func followed(contains object: Int) -> Bool {
        followingPredicted ? predicted.contains(object) : robust.contains(object)
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else { throw InvariantViolation("combination occupancy \(occupancy) > capacity \(capacity)") }
        try physical.checkInvariants("combination physical cache")
        try predicted.checkInvariants()
        try robust.checkInvariants()
        guard Int64(physical.count) == occupancy else { throw InvariantViolation("combination holds \(physical.count), occupancy \(occupancy)") }
    }
}
