import SimCore

/// The robust fallback of learning-augmented paging: run a prediction-following policy A
/// and a robust policy B side by side on virtual caches, follow one of them with a lazy
/// physical cache, and switch with hysteresis (a deterministic combination in the spirit
/// of Fiat, Rabani and Ravid 1994, as used for learning-augmented paging by Antoniadis,
/// Coester, Eliáš, Polak and Simon, ICML 2020, and Wei, APPROX 2020).
///
/// ```
/// follow A first
/// on every request: serve it on both virtual caches; if misses(followed) >
///     2 misses(other) + k, follow the other one
/// physical cache, lazily: on a miss with a full cache, evict the least recently used
///     physical page that the followed virtual cache does not hold (one exists, since
///     the followed cache holds the requested page)
/// ```
/// Guarantee (our derivation): while A is followed the physical cache misses no more than
/// A, so if A never falls behind the rule it pays exactly A's misses (with perfect
/// predictions, the follower's consistency is kept). Between two switches the followed
/// policy's misses grow more than fourfold, so there are O(log(misses / k)) switches, each
/// costing at most k extra misses, and the physical misses stay within
/// 3 min(misses(A), misses(B)) + O(k log(misses / k)): a constant factor over the robust
/// policy (for randomized marking, O(log k) times OPT) whatever the predictions.
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
        let followed = followingPredicted ? predictedMisses : robustMisses
        let other = followingPredicted ? robustMisses : predictedMisses
        if followed > 2 * other + Int(capacity) {
            followingPredicted.toggle()
            switches += 1
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
