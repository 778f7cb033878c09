import SimCore

/// SIEVE (Zhang et al., "SIEVE is Simpler than LRU", NSDI 2024): a FIFO queue with one
/// visited bit per object and a hand that moves from the oldest towards the newest end.
///
/// ```
/// on hit:  set the object's visited bit (objects never move)
/// on miss: while full: start at the hand (or the oldest object); while the object under
///          the hand is visited, clear its bit and step towards the newer end, wrapping to
///          the oldest; evict it and leave the hand at the next newer object
///          insert the new object at the newest end, not visited
/// ```
/// Matches libCacheSim's `Sieve` on unit-size objects (golden test on the CloudPhysics trace).
public struct SievePolicy: Sendable, CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "SIEVE: FIFO with visited bits and a sweeping hand; hits never move objects"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public var occupancy: Int64 { list.bytes }
    public var residentCount: Int { list.count }
    private var list: ObjectList
    private var visited: [Bool]
    private var hand = ObjectList.none

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        list = ObjectList(objectCount: objectCount)
        visited = [Bool](repeating: false, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { list.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard list.holds(request.object) else { return false }
        visited[request.object] = true
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        var candidate = hand == ObjectList.none ? list.tail : hand
        while visited[candidate] {
            visited[candidate] = false
            candidate = list.newer(of: candidate)
            if candidate == ObjectList.none { candidate = list.tail }
        }
        hand = list.newer(of: candidate)
        list.remove(candidate)
        forgetLog.note(candidate)
        evictionCount += 1
        lastEvicted = candidate
    }

    public mutating func insert(_ request: CacheRequest) {
        list.pushHead(request.object, size: request.size)
        visited[request.object] = false
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("SIEVE occupancy \(occupancy) > capacity \(capacity)")
        }
        try list.checkInvariants("SIEVE")
        guard hand == ObjectList.none || list.holds(hand) else {
            throw InvariantViolation("SIEVE hand on a non-resident object")
        }
    }
}
