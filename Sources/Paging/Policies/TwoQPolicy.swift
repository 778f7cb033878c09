import CachePolicies
import SimCore

/// 2Q, full version (Johnson and Shasha, "2Q: A Low Overhead High Performance Buffer
/// Management Replacement Algorithm", VLDB 1994), as libCacheSim's `TwoQ`, for capacity c
/// in size units (objects, or bytes); |X| is the total size of queue X.
///
/// ```
/// A1in: FIFO of objects seen once (target Kin = 25% of c); A1out: FIFO of ghosts
/// evicted from A1in (Kout = 50% of c); Am: LRU of objects re-requested after A1in
/// (target c - Kin)
/// admitted:      objects no larger than Kin
/// hit in Am:     move to the MRU end of Am
/// hit in A1in:   nothing (a correlated reference)
/// miss in A1out: remove the ghost, make room; evict Am's LRU objects while the object does
///                not fit in Am's target; insert at the MRU end of Am
/// other miss:    make room, insert at the head of A1in
/// make room:     while the object does not fit: if |A1in| > Kin or Am is empty, move
///                A1in's oldest to A1out (dropping A1out's oldest until it fits in Kout),
///                else evict Am's LRU object
/// ```
/// Kin = floor(c / 4), Kout = floor(c / 2). Matches libCacheSim's `TwoQ` on unit-size
/// objects and with sizes (golden tests on the CloudPhysics trace). Reports hits served
/// from A1in (`hits_probation`) and Am (`hits_protected`).
public struct TwoQPolicy: CachePolicy, StreamablePolicy, ComponentHitReporting {
    public static let summary = "2Q (Johnson and Shasha 1994): FIFO A1in, ghost A1out, LRU Am"

    private static let a1in: UInt8 = 0, am: UInt8 = 1, a1out: UInt8 = 2

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public var occupancy: Int64 { lists.bytes(Self.a1in) + lists.bytes(Self.am) }
    public var residentCount: Int { lists.count(Self.a1in) + lists.count(Self.am) }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    private let kin: Int64
    private let kout: Int64
    private var lists: PartitionedObjectLists
    /// Whether the current miss was found (and consumed) in A1out.
    private var ghostHit = false

    /// A1in's target is `inShare` of the capacity, A1out's `outShare` (floored).
    public init(capacity: Int64, objectCount: Int, inShare: Double = 0.25, outShare: Double = 0.5) {
        self.capacity = capacity
        kin = Int64(Double(capacity) * inShare)
        kout = Int64(Double(capacity) * outShare)
        lists = PartitionedObjectLists(lists: 3, objectCount: objectCount)
    }

    public func contains(_ object: Int) -> Bool { lists.list(of: object) <= Self.am }

    /// libCacheSim admits an object no larger than A1in's target (and the cache); with unit
    /// sizes and Kin = 0 (c < 4) a unit-size object is still admitted.
    public func admits(_ request: CacheRequest) -> Bool {
        request.size <= capacity && (request.size <= kin || request.size == 1)
    }

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
            if !admits(request) { forgetLog.note(request.object) }  // not inserted: forgotten now
            return false
        default:
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        if lists.bytes(Self.a1in) > kin || lists.count(Self.am) == 0 {
            lists.pushHead(lists.popTail(Self.a1in), to: Self.a1out, within: kout, forgetting: &forgetLog)
        } else {
            forgetLog.note(lists.popTail(Self.am))
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        defer { ghostHit = false }
        lists.setSize(request.object, request.size)
        guard ghostHit else {
            lists.pushHead(request.object, to: Self.a1in)
            return
        }
        // libCacheSim inserts through Am's own access path: Am's LRU objects leave until the
        // object fits Am's target, c - Kin.
        lists.pushHead(request.object, to: Self.am, within: capacity - kin, forgetting: &forgetLog)
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + Int(capacity / 2) }

    public func checkInvariants() throws {
        try lists.checkInvariants("2Q")
        guard occupancy <= capacity else { throw InvariantViolation("2Q holds \(occupancy) > capacity \(capacity)") }
        guard lists.bytes(Self.a1out) <= max(kout, 0) else {
            throw InvariantViolation("2Q A1out holds \(lists.bytes(Self.a1out)) > Kout \(kout)")
        }
    }
}
