import SimCore

/// S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023),
/// with the parameters of libCacheSim's `S3FIFO`, for unit-size objects and capacity c.
///
/// ```
/// S: small FIFO (10% of c), M: main FIFO (the rest), G: ghost FIFO of ids (90% of c)
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
/// Sizes: |S| = floor(0.1 c) but at least 1, |M| = c - |S|, |G| = floor(0.9 c); queue
/// sizes are soft, only the total c is enforced. Deviation from libCacheSim, which refuses
/// every insertion when floor(0.1 c) <= 1 (so it misses every request for c < 20): here the
/// small queue holds at least one object, so counts agree with libCacheSim for c >= 20
/// (golden test) and stay meaningful below. Reports hits served from S (`hits_probation`)
/// and M (`hits_protected`).
public struct S3FIFOPolicy: CachePolicy, StreamablePolicy, ComponentHitReporting {
    public static let summary = "S3-FIFO (Yang et al. 2023): small, main and ghost FIFO queues with 2-bit frequencies"
    static let moveToMainThreshold: UInt8 = 2
    static let frequencyCap: UInt8 = 3

    private enum Location: UInt8 { case none, small, main, ghost }

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public var occupancy: Int64 { Int64(small.count + main.count) }
    public var residentCount: Int { small.count + main.count }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    let smallSize: Int
    let mainSize: Int
    let ghostSize: Int
    private var small, main, ghost: ObjectList
    private var location: [Location]
    private var frequency: [UInt8]
    private var hasEvicted = false
    private var ghostHit = false

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        smallSize = max(1, Int(Double(capacity) * 0.1))
        mainSize = Int(capacity) - smallSize
        ghostSize = Int(Double(capacity) * 0.9)
        small = ObjectList(objectCount: objectCount)
        main = small
        ghost = small
        location = [Location](repeating: .none, count: objectCount)
        frequency = [UInt8](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { location[object] == .small || location[object] == .main }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        ghostHit = false
        switch location[x] {
        case .small:
            probationHits += 1
            frequency[x] &+= frequency[x] < .max ? 1 : 0
            return true
        case .main:
            protectedHits += 1
            frequency[x] &+= frequency[x] < .max ? 1 : 0
            return true
        case .ghost:
            ghost.remove(x)
            location[x] = .none
            ghostHit = true
            return false
        case .none:
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        hasEvicted = true
        if main.count > mainSize || small.count == 0 { evictFromMain() } else { evictFromSmall() }
    }

    private mutating func evictFromSmall() {
        while small.count > 0 {
            let t = small.tail
            small.remove(t)
            if frequency[t] >= Self.moveToMainThreshold {
                main.pushHead(t)
                location[t] = .main
                frequency[t] = 0
            } else {
                if ghostSize > 0 {
                    if ghost.count >= ghostSize {
                        let dropped = ghost.tail
                        ghost.remove(dropped)
                        location[dropped] = .none
                        forgetLog.note(dropped)
                    }
                    ghost.pushHead(t)
                    location[t] = .ghost
                } else {
                    location[t] = .none
                    forgetLog.note(t)
                }
                return
            }
        }
    }

    private mutating func evictFromMain() {
        while main.count > 0 {
            let t = main.tail
            main.remove(t)
            let f = frequency[t]
            if f >= 1 {
                main.pushHead(t)
                frequency[t] = min(f, Self.frequencyCap) - 1
            } else {
                location[t] = .none
                forgetLog.note(t)
                return
            }
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        let x = request.object
        if ghostHit || (!hasEvicted && small.count >= smallSize) {
            main.pushHead(x)
            location[x] = .main
        } else {
            small.pushHead(x)
            location[x] = .small
        }
        ghostHit = false
        frequency[x] = 0
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + Int(Double(capacity) * 0.9) }

    public func checkInvariants() throws {
        for (name, list) in [("small", small), ("main", main), ("ghost", ghost)] { try list.checkInvariants("S3-FIFO \(name)") }
        guard occupancy <= capacity else { throw InvariantViolation("S3-FIFO holds \(occupancy) > capacity \(capacity)") }
        guard ghost.count <= ghostSize else { throw InvariantViolation("S3-FIFO ghost holds \(ghost.count) > \(ghostSize)") }
        let counts = location.reduce(into: [0, 0, 0, 0]) { $0[Int($1.rawValue)] += 1 }
        guard counts[1] == small.count, counts[2] == main.count, counts[3] == ghost.count else {
            throw InvariantViolation("S3-FIFO location marks \(counts) disagree with queue sizes")
        }
    }
}
