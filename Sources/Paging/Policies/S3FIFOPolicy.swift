import CachePolicies
import SimCore

/// S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023),
/// with the parameters of libCacheSim's `S3FIFO`, for unit-size objects and capacity c.
///
/// ```
/// S: small FIFO (10% of c: `s3fifo.small_share`), M: main FIFO (the rest), G: ghost FIFO of
/// ids (the rest's worth, 90% of c); `s3fifo.move_threshold` is the 2 below
/// hit in S or M:  freq += 1 (objects never move on a hit)
/// miss in G:      remove the ghost; make room; insert at the head of M
/// other miss:     make room; insert at the head of S (before the first eviction, at the
///                 head of M once S is full)
/// make room:      if |M| > its size or S is empty, evict from M, else from S
/// evict from S:   tail t: freq >= 2 ? move t to the head of M (freq 0, keep looking)
///                                   : evict t and remember its id in G
/// evict from M:   tail t: freq >= 1 ? reinsert t at the head with freq min(freq, 3) - 1
///                                   : evict t
/// ```
/// Sizes (defaults): |S| = floor(0.1 c) but at least 1, |M| = c - |S|, |G| = floor(0.9 c); queue
/// sizes are soft, only the total c is enforced. Deviation from libCacheSim, which refuses
/// every insertion when floor(0.1 c) <= 1 (so it misses every request for c < 20): here the
/// small queue holds at least one object, so counts agree with libCacheSim for c >= 20
/// (golden test) and stay meaningful below. Reports hits served from S (`hits_probation`)
/// and M (`hits_protected`).
public struct S3FIFOPolicy: CachePolicy, StreamablePolicy, ComponentHitReporting {
    public static let summary = "S3-FIFO (Yang et al. 2023): small, main and ghost FIFO queues with 2-bit frequencies"
    static let frequencyCap: UInt8 = 3

    private static let small: UInt8 = 0, main: UInt8 = 1, ghost: UInt8 = 2

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public var occupancy: Int64 { Int64(residentCount) }
    public var residentCount: Int { queues.count(Self.small) + queues.count(Self.main) }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    /// Accesses in the small queue that move an object to the main queue on eviction.
    let moveToMainThreshold: UInt8
    let smallSize: Int
    let mainSize: Int
    let ghostSize: Int
    private var queues: PartitionedObjectLists
    private var frequency: [UInt8]
    private var hasEvicted = false
    private var ghostHit = false

    /// The small queue holds `smallShare` of the capacity (floored, at least 1), the ghost
    /// queue the ids of the rest's worth; `moveThreshold` in 1...3.
    public init(capacity: Int64, objectCount: Int, smallShare: Double = 0.1, moveThreshold: Int = 2) {
        self.capacity = capacity
        moveToMainThreshold = UInt8(clamping: min(max(moveThreshold, 1), Int(Self.frequencyCap)))
        smallSize = max(1, Int(Double(capacity) * smallShare))
        mainSize = Int(capacity) - smallSize
        ghostSize = Int(Double(capacity) * (1 - smallShare))
        queues = PartitionedObjectLists(lists: 3, objectCount: objectCount)
        frequency = [UInt8](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { queues.list(of: object) <= Self.main }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        ghostHit = false
        switch queues.list(of: x) {
        case Self.small:
            probationHits += 1
            frequency[x] &+= frequency[x] < .max ? 1 : 0
            return true
        case Self.main:
            protectedHits += 1
            frequency[x] &+= frequency[x] < .max ? 1 : 0
            return true
        case Self.ghost:
            queues.remove(x)
            ghostHit = true
            return false
        default:
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        hasEvicted = true
        if queues.count(Self.main) > mainSize || queues.count(Self.small) == 0 {
            evictFromMain()
        } else {
            evictFromSmall()
        }
    }

    private mutating func evictFromSmall() {
        while queues.count(Self.small) > 0 {
            let t = queues.popTail(Self.small)
            if frequency[t] >= moveToMainThreshold {
                queues.pushHead(t, to: Self.main)
                frequency[t] = 0
            } else {
                if ghostSize > 0 {
                    if queues.count(Self.ghost) >= ghostSize { forgetLog.note(queues.popTail(Self.ghost)) }
                    queues.pushHead(t, to: Self.ghost)
                } else {
                    forgetLog.note(t)
                }
                return
            }
        }
    }

    private mutating func evictFromMain() {
        while queues.count(Self.main) > 0 {
            let t = queues.popTail(Self.main)
            let f = frequency[t]
            if f >= 1 {
                queues.pushHead(t, to: Self.main)
                frequency[t] = min(f, Self.frequencyCap) - 1
            } else {
                forgetLog.note(t)
                return
            }
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        let x = request.object
        let toMain = ghostHit || (!hasEvicted && queues.count(Self.small) >= smallSize)
        queues.pushHead(x, to: toMain ? Self.main : Self.small)
        ghostHit = false
        frequency[x] = 0
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + Int(Double(capacity) * 0.9) }

    public func checkInvariants() throws {
        try queues.checkInvariants("S3-FIFO")
        guard occupancy <= capacity else {
            throw InvariantViolation("S3-FIFO holds \(occupancy) > capacity \(capacity)")
        }
        guard queues.count(Self.ghost) <= ghostSize else {
            throw InvariantViolation("S3-FIFO ghost holds \(queues.count(Self.ghost)) > \(ghostSize)")
        }
    }
}
