import SimCore

/// ARC, adaptive replacement cache (Megiddo and Modha, "ARC: A Self-Tuning, Low Overhead
/// Replacement Cache", FAST 2003), with capacity c in size units (objects, or bytes).
///
/// ```
/// T1, T2: resident LRU lists (seen once recently / at least twice); B1, B2: their ghosts;
/// |X| is the total size of list X (its object count for unit-size objects)
/// hit in T1 or T2:  move to the MRU end of T2
/// ghost hit in B1:  p = min(c, p + max(|B2| / |B1|, 1)); drop the ghost; then, while the
///                   object does not fit, REPLACE; insert at the MRU end of T2
/// ghost hit in B2:  p = max(0, p - max(|B1| / |B2|, 1)); the same
/// new object x:     while x does not fit: if |T1| + |B1| + size(x) > c: if B1 is not empty,
///                   drop LRU of B1 and REPLACE, else evict LRU of T1 without a ghost;
///                   otherwise, if |T1| + |B1| + |T2| + |B2| >= 2c, drop LRU of B2 (if any),
///                   then REPLACE; insert at the MRU end of T1
/// REPLACE:          if |T1| > 0 and (|T1| > p or (request in B2 and |T1| = p)), or T2 is
///                   empty, move LRU of T1 to MRU of B1, else LRU of T2 to MRU of B2
/// ```
/// `p` is real-valued (the paper's delta is a ratio) and, with sizes, in bytes, moved by the
/// ratio of the ghost lists' bytes, as in libCacheSim's `ARC`; ghosts keep their object's
/// size. A ghost hit is a miss. Matches libCacheSim's `ARC` on unit-size objects and with
/// sizes (golden tests on the CloudPhysics trace). Reports hits served from T1
/// (`hits_probation`) and T2 (`hits_protected`).
public struct ARCPolicy: Sendable, CachePolicy, StreamablePolicy, ComponentHitReporting, EvictionReporting {
    public static let summary =
        "ARC (Megiddo and Modha 2003): recency and frequency lists with adaptive target and ghosts"

    private static let t1: UInt8 = 0, t2: UInt8 = 1, b1: UInt8 = 2, b2: UInt8 = 3

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    /// The resident object the latest eviction removed (to a ghost list or out of the directory).
    public private(set) var lastEvicted = -1
    public var occupancy: Int64 { lists.bytes(Self.t1) + lists.bytes(Self.t2) }
    public var residentCount: Int { lists.count(Self.t1) + lists.count(Self.t2) }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    /// T1, T2, B1, B2, with each object's size (ghosts keep theirs) and each list's total.
    private var lists: PartitionedObjectLists
    /// Target size of T1.
    private var target = 0.0
    /// The ghost list where the current miss was found (`b1`, `b2`), or `none`.
    private var ghostHit = PartitionedObjectLists.none

    /// T1's target starts at `initialTargetShare` of the capacity (0 in the paper, in [0, 1]).
    public init(capacity: Int64, objectCount: Int, initialTargetShare: Double = 0) {
        self.capacity = capacity
        lists = PartitionedObjectLists(lists: 4, objectCount: objectCount)
        target = min(max(initialTargetShare, 0), 1) * Double(capacity)
    }

    public func contains(_ object: Int) -> Bool { lists.list(of: object) <= Self.t2 }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        ghostHit = PartitionedObjectLists.none
        switch lists.list(of: x) {
        case Self.t1:
            probationHits += 1
            lists.move(x, toHeadOf: Self.t2)
            return true
        case Self.t2:
            protectedHits += 1
            lists.move(x, toHeadOf: Self.t2)
            return true
        case Self.b1:
            let bytesB1 = Double(lists.bytes(Self.b1))
            let bytesB2 = Double(lists.bytes(Self.b2))
            target = min(Double(capacity), target + max(bytesB2 / bytesB1, 1))
            ghostHit = Self.b1
            lists.remove(x)
            if !admits(request) { forgetLog.note(x) }  // not inserted: forgotten now
            return false
        case Self.b2:
            let bytesB1 = Double(lists.bytes(Self.b1))
            let bytesB2 = Double(lists.bytes(Self.b2))
            target = max(0, target - max(bytesB1 / bytesB2, 1))
            ghostHit = Self.b2
            lists.remove(x)
            if !admits(request) { forgetLog.note(x) }  // not inserted: forgotten now
            return false
        default:
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        if ghostHit != PartitionedObjectLists.none {
            replace(requestInB2: ghostHit == Self.b2)
            return
        }
        let bytesT1 = lists.bytes(Self.t1)
        let bytesB1 = lists.bytes(Self.b1)
        if bytesT1 + bytesB1 + request.size > capacity {
            if lists.count(Self.b1) > 0 {
                forgetLog.note(lists.popTail(Self.b1))
                replace(requestInB2: false)
            } else {
                let victim = lists.popTail(Self.t1)
                forgetLog.note(victim)
                evictionCount += 1
                lastEvicted = victim
            }
        } else {
            let directory = bytesT1 + bytesB1 + lists.bytes(Self.t2) + lists.bytes(Self.b2)
            if directory >= 2 * capacity, lists.count(Self.b2) > 0 {
                forgetLog.note(lists.popTail(Self.b2))
            }
            replace(requestInB2: false)
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        let x = request.object
        lists.setSize(x, request.size)
        lists.pushHead(x, to: ghostHit != PartitionedObjectLists.none ? Self.t2 : Self.t1)
        ghostHit = PartitionedObjectLists.none
    }

    private mutating func replace(requestInB2: Bool) {
        let bytesT1 = lists.bytes(Self.t1)
        let fromT1 =
            lists.count(Self.t2) == 0
            || (bytesT1 > 0 && (Double(bytesT1) > target || (requestInB2 && Double(bytesT1) == target)))
        let victim = lists.tail(fromT1 ? Self.t1 : Self.t2)
        lists.move(victim, toHeadOf: fromT1 ? Self.b1 : Self.b2)
        evictionCount += 1
        lastEvicted = victim
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { 2 * Int(capacity) }

    public func checkInvariants() throws {
        let c = capacity
        try lists.checkInvariants("ARC")
        let (t1, t2) = (lists.bytes(Self.t1), lists.bytes(Self.t2))
        guard t1 + t2 <= c else { throw InvariantViolation("ARC holds \(t1 + t2) > capacity \(c)") }
        // With unit sizes the directory keeps the paper's bounds (streaming relies on them).
        let lists4: [UInt8] = [Self.t1, Self.t2, Self.b1, Self.b2]
        if lists4.allSatisfy({ Int64(lists.count($0)) == lists.bytes($0) }) {
            let b1 = lists.bytes(Self.b1)
            let b2 = lists.bytes(Self.b2)
            guard t1 + b1 <= c, t1 + t2 + b1 + b2 <= 2 * c else {
                throw InvariantViolation("ARC directory: T1 \(t1), T2 \(t2), B1 \(b1), B2 \(b2), c \(c)")
            }
        }
        guard target >= 0, target <= Double(c) else {
            throw InvariantViolation("ARC target \(target) outside [0, \(c)]")
        }
    }
}
