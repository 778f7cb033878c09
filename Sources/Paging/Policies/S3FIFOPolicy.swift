import CachePolicies
import SimCore

/// S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023),
/// with the parameters of libCacheSim's `S3FIFO`, for capacity c in size units (objects,
/// or bytes); |X| is the total size of queue X.
///
/// ```
/// S: small FIFO (10% of c: `s3fifo.small_share`), M: main FIFO (the rest), G: ghost FIFO of
/// ids (90% of c, counting each ghost's size); `s3fifo.move_threshold` is the 2 below
/// hit in S or M:  freq += 1 (objects never move on a hit)
/// miss in G:      remove the ghost; make room; insert at the head of M
/// other miss:     admitted only if its size is at most |S|'s target; make room; then, if
///                 its size is below |S|'s target, insert at the head of S (before the first
///                 eviction, at the head of M once S is full), else leave it out
/// make room:      while the object does not fit: if |M| > its size or S is empty, evict
///                 from M, else from S
/// evict from S:   tail t: freq >= 2 ? move t to the head of M (freq 0, keep looking)
///                                   : evict t and remember it in G (dropping G's oldest
///                                     until it fits; a ghost larger than G is not kept)
/// evict from M:   tail t: freq >= 1 ? reinsert t at the head with freq min(freq, 3) - 1
///                                   : evict t
/// ```
/// Sizes: S's target = floor(0.1 c), M's = c - S's, G's = floor(0.9 c); queue sizes are
/// soft, only the total c is enforced. Deviation from libCacheSim, which with unit sizes
/// refuses every insertion when floor(0.1 c) <= 1 (so it misses every request for c < 20):
/// here S's target is at least 1 and a unit-size object always enters it, so counts agree
/// with libCacheSim for c >= 20 objects and for byte-sized caches of 20 bytes or more
/// (golden tests), and stay meaningful below. Reports hits served from S (`hits_probation`) and M (`hits_protected`).
public struct S3FIFOPolicy: CachePolicy, StreamablePolicy, ComponentHitReporting {
    public static let summary = "S3-FIFO (Yang et al. 2023): small, main and ghost FIFO queues with 2-bit frequencies"
    static let frequencyCap: UInt8 = 3

    private static let small: UInt8 = 0, main: UInt8 = 1, ghost: UInt8 = 2

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public var occupancy: Int64 { queues.bytes(Self.small) + queues.bytes(Self.main) }
    public var residentCount: Int { queues.count(Self.small) + queues.count(Self.main) }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    /// Accesses in the small queue that move an object to the main queue on eviction.
    let moveToMainThreshold: UInt8
    let smallSize: Int64
    let mainSize: Int64
    let ghostSize: Int64
    private var queues: PartitionedObjectLists
    private var frequency: [UInt8]
    private var hasEvicted = false
    private var ghostHit = false

    /// The small queue holds `smallShare` of the capacity (floored, at least 1), the ghost
    /// queue the ids of the rest's worth; `moveThreshold` in 1...3.
    public init(capacity: Int64, objectCount: Int, smallShare: Double = 0.1, moveThreshold: Int = 2) {
        self.capacity = capacity
        moveToMainThreshold = UInt8(clamping: min(max(moveThreshold, 1), Int(Self.frequencyCap)))
        smallSize = max(1, Int64(Double(capacity) * smallShare))
        mainSize = capacity - smallSize
        ghostSize = Int64(Double(capacity) * (1 - smallShare))
        queues = PartitionedObjectLists(lists: 3, objectCount: objectCount)
        frequency = [UInt8](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { queues.list(of: object) <= Self.main }

    /// libCacheSim admits an object no larger than the small queue's target (and the cache).
    public func admits(_ request: CacheRequest) -> Bool { request.size <= smallSize && request.size <= capacity }

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
            if !admits(request) { forgetLog.note(x) }  // not inserted: forgotten now
            return false
        default:
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        hasEvicted = true
        if queues.bytes(Self.main) > mainSize || queues.count(Self.small) == 0 {
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
                // Remembered in G, whose oldest ghosts leave until it fits (not kept if larger than G).
                queues.pushHead(t, to: Self.ghost, within: ghostSize, forgetting: &forgetLog)
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
        defer { ghostHit = false }
        // libCacheSim leaves out an object as large as the small queue (after making room);
        // a unit-size object always enters a one-object small queue (see above).
        if !ghostHit && request.size >= smallSize && !(request.size == 1 && smallSize == 1) {
            forgetLog.note(x)
            return
        }
        let toMain = ghostHit || (!hasEvicted && queues.bytes(Self.small) >= smallSize)
        queues.setSize(x, request.size)
        queues.pushHead(x, to: toMain ? Self.main : Self.small)
        frequency[x] = 0
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + Int(Double(capacity) * 0.9) }

    public func checkInvariants() throws {
        try queues.checkInvariants("S3-FIFO")
        guard occupancy <= capacity else {
            throw InvariantViolation("S3-FIFO holds \(occupancy) > capacity \(capacity)")
        }
        guard queues.bytes(Self.ghost) <= ghostSize else {
            throw InvariantViolation("S3-FIFO ghost holds \(queues.bytes(Self.ghost)) > \(ghostSize)")
        }
    }
}
