import CachePolicies
import SimCore

/// Randomized marking (Fiat, Karp, Luby, McGeoch, Sleator and Young, "Competitive paging
/// algorithms", J. Algorithms 1991): 2H_k-competitive against an oblivious adversary.
///
/// ```
/// on hit:  mark the page
/// on miss: if every resident page is marked, unmark them all (a new phase);
///          evict an unmarked page chosen uniformly at random; load the page, marked
/// ```
/// Randomness comes from the run's `policy` stream.
public struct RandomizedMarkingPolicy: CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "randomized marking (Fiat et al. 1991): evicts a uniformly random unmarked page"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { marking.residentCount }
    private var marking: MarkingPhases
    private var random: RandomSource

    public init(capacity: Int64, objectCount: Int, random: RandomSource) {
        self.capacity = capacity
        marking = MarkingPhases(objectCount: objectCount)
        self.random = random
    }

    public func contains(_ object: Int) -> Bool { marking.isResident(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard marking.isResident(request.object) else { return false }
        marking.mark(request.object)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        marking.startPhaseIfAllMarked()
        let victim = marking.randomUnmarked(using: &random)
        marking.evictUnmarked(victim)
        occupancy -= 1
        forgetLog.note(victim)
        evictionCount += 1
        lastEvicted = victim
    }

    public mutating func insert(_ request: CacheRequest) {
        marking.insertMarked(request.object)
        occupancy += request.size
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("marking occupancy \(occupancy) > capacity \(capacity)")
        }
        try marking.checkInvariants("randomized marking")
        guard Int64(marking.residentCount) == occupancy else {
            throw InvariantViolation("randomized marking holds \(marking.residentCount), occupancy \(occupancy)")
        }
    }
}
