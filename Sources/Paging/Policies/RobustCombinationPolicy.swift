import CachePolicies
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
/// physical cache, lazily: on a miss with a full cache, evict the physical page that left
///     the followed virtual cache earliest (one exists, since the followed cache holds
///     the requested page and the physical one does not)
/// ```
/// Guarantee (our derivation): while A is followed the physical cache misses no more than
/// A, so if A never falls behind the rule it pays exactly A's misses (with perfect
/// predictions, the follower's consistency is kept). Between two switches the followed
/// policy's misses grow more than fourfold, so there are O(log(misses / k)) switches, each
/// costing at most k extra misses, and the physical misses stay within
/// 3 min(misses(A), misses(B)) + O(k log(misses / k)): a constant factor over the robust
/// policy (for randomized marking, O(log k) times OPT) whatever the predictions.
///
/// The "orphans" (physical pages the followed cache does not hold) are kept in a list in
/// the order they left it, updated from the followed policy's reported evictions: O(1) per
/// request, plus O(k) per switch.
public struct RobustCombinationPolicy<Predicted: EvictionReporting, Robust: EvictionReporting>: CachePolicy {
    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { physical.count }
    private var predicted: Predicted
    private var robust: Robust
    private var physical: ObjectList
    private var orphans: ObjectList
    private(set) var predictedMisses = 0
    private(set) var robustMisses = 0
    private(set) var followingPredicted = true
    private(set) var switches = 0

    public init(capacity: Int64, objectCount: Int, predicted: Predicted, robust: Robust) {
        self.capacity = capacity
        self.predicted = predicted
        self.robust = robust
        physical = ObjectList(objectCount: objectCount)
        orphans = physical
    }

    public func contains(_ object: Int) -> Bool { physical.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let evictedBefore = followingPredicted ? predicted.evictionCount : robust.evictionCount
        if !predicted.access(request) { predictedMisses += 1 }
        if !robust.access(request) { robustMisses += 1 }
        let evictedAfter = followingPredicted ? predicted.evictionCount : robust.evictionCount
        if evictedAfter != evictedBefore {
            precondition(evictedAfter == evictedBefore + 1, "a followed policy must evict one object per miss")
            let left = followingPredicted ? predicted.lastEvicted : robust.lastEvicted
            if physical.holds(left), !orphans.holds(left) { orphans.pushHead(left) }
        }
        if orphans.holds(request.object) { orphans.remove(request.object) }
        let followed = followingPredicted ? predictedMisses : robustMisses
        let other = followingPredicted ? robustMisses : predictedMisses
        if followed > 2 * other + Int(capacity) {
            followingPredicted.toggle()
            switches += 1
            rebuildOrphans()
        }
        guard physical.holds(request.object) else { return false }
        physical.moveToHead(request.object)
        return true
    }

    /// After a switch: every physical page the newly followed cache lacks, least recently used first out.
    private mutating func rebuildOrphans() {
        while orphans.count > 0 { orphans.remove(orphans.tail) }
        var page = physical.tail
        while page != ObjectList.none {
            if !followed(contains: page) { orphans.pushHead(page) }
            page = physical.newer(of: page)
        }
    }

    public mutating func evict(for request: CacheRequest) {
        precondition(orphans.count > 0, "no physical page outside the followed cache")
        let victim = orphans.tail
        orphans.remove(victim)
        physical.remove(victim)
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
        guard occupancy <= capacity else {
            throw InvariantViolation("combination occupancy \(occupancy) > capacity \(capacity)")
        }
        try physical.checkInvariants("combination physical cache")
        try orphans.checkInvariants("combination orphans")
        try predicted.checkInvariants()
        try robust.checkInvariants()
        var page = physical.head
        while page != ObjectList.none {
            guard orphans.holds(page) == !followed(contains: page) else {
                throw InvariantViolation(
                    "combination: physical page \(page) orphan mark disagrees with the followed cache")
            }
            page = physical.older(of: page)
        }
        guard Int64(physical.count) == occupancy else {
            throw InvariantViolation("combination holds \(physical.count), occupancy \(occupancy)")
        }
    }
}

extension RobustCombinationPolicy where Robust == RandomizedMarkingPolicy {
    /// `predicted` with randomized marking as the robust policy, drawing from the context's
    /// `policy` stream.
    init(predicted: Predicted, context: PagingPolicyContext) {
        self.init(
            capacity: context.capacity, objectCount: context.objectCount, predicted: predicted,
            robust: RandomizedMarkingPolicy(
                capacity: context.capacity, objectCount: context.objectCount, random: context.random))
    }
}
