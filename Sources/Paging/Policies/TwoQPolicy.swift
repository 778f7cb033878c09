import CachePolicies
import SimCore

/// 2Q, full version (Johnson and Shasha, "2Q: A Low Overhead High Performance Buffer
/// Management Replacement Algorithm", VLDB 1994), for unit-size objects and capacity c.
///
/// ```
/// A1in: FIFO of objects seen once (target Kin = 25% of c); A1out: FIFO of ghosts
/// evicted from A1in (Kout = 50% of c); Am: LRU of objects re-requested after A1in
/// hit in Am:    move to the MRU end of Am
/// hit in A1in:  nothing (a correlated reference)
/// miss in A1out: remove the ghost, make room, insert at the MRU end of Am
/// other miss:   make room, insert at the head of A1in
/// make room:    if |A1in| > Kin, move A1in's oldest to A1out (dropping A1out's oldest
///               beyond Kout), else evict Am's LRU object
/// ```
/// Kin = floor(c / 4), Kout = floor(c / 2). Reports hits served from A1in
/// (`hits_probation`) and Am (`hits_protected`).
public struct TwoQPolicy: CachePolicy, StreamablePolicy, ComponentHitReporting {
    public static let summary = "2Q (Johnson and Shasha 1994): FIFO A1in, ghost A1out, LRU Am"

    private static let a1in: UInt8 = 0, am: UInt8 = 1, a1out: UInt8 = 2

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public var occupancy: Int64 { Int64(residentCount) }
    public var residentCount: Int { lists.count(Self.a1in) + lists.count(Self.am) }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    private let kin: Int
    private let kout: Int
    private var lists: PartitionedObjectLists
    /// Whether the current miss was found (and consumed) in A1out.
    private var ghostHit = false

    /// A1in's target is `inShare` of the capacity, A1out's `outShare` (floored).
    public init(capacity: Int64, objectCount: Int, inShare: Double = 0.25, outShare: Double = 0.5) {
        self.capacity = capacity
        kin = Int(Double(capacity) * inShare)
        kout = Int(Double(capacity) * outShare)
        lists = PartitionedObjectLists(lists: 3, objectCount: objectCount)
    }

    public func contains(_ object: Int) -> Bool { lists.list(of: object) <= Self.am }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        ghostHit = false
        switch lists.list(of: request.object) {
        case Self.am:
            protectedHits += 1
            lists.move(request.object, toHeadOf: Self.am)
            return true
        case Self.a1in:
            probationHits += 1
            return true
        case Self.a1out:
            // The ghost is consumed now, before room is made (as in libCacheSim's TwoQ).
            lists.remove(request.object)
            ghostHit = true
            return false
        default:
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        if lists.count(Self.a1in) > kin || lists.count(Self.am) == 0 {
            lists.pushHead(lists.popTail(Self.a1in), to: Self.a1out)
            if lists.count(Self.a1out) > kout { forgetLog.note(lists.popTail(Self.a1out)) }
        } else {
            forgetLog.note(lists.popTail(Self.am))
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        lists.pushHead(request.object, to: ghostHit ? Self.am : Self.a1in)
        ghostHit = false
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + Int(capacity / 2) }

    public func checkInvariants() throws {
        try lists.checkInvariants("2Q")
        guard occupancy <= capacity else { throw InvariantViolation("2Q holds \(occupancy) > capacity \(capacity)") }
        guard lists.count(Self.a1out) <= max(kout, 0) else {
            throw InvariantViolation("2Q A1out holds \(lists.count(Self.a1out)) > Kout \(kout)")
        }
    }
}
