import SimCore

/// ARC, adaptive replacement cache (Megiddo and Modha, "ARC: A Self-Tuning, Low Overhead
/// Replacement Cache", FAST 2003), for unit-size objects and capacity c.
///
/// ```
/// T1, T2: resident LRU lists (seen once recently / at least twice); B1, B2: their ghosts
/// hit in T1 or T2:  move to the MRU end of T2
/// ghost hit in B1:  p = min(c, p + max(|B2| / |B1|, 1)); REPLACE; move to MRU of T2
/// ghost hit in B2:  p = max(0, p - max(|B1| / |B2|, 1)); REPLACE; move to MRU of T2
/// new object:       if |T1| + |B1| = c: if |T1| < c, drop LRU of B1 and REPLACE, else
///                   evict LRU of T1 without a ghost; otherwise, if the directory holds 2c,
///                   drop LRU of B2, then REPLACE (only when the cache is full); MRU of T1
/// REPLACE:          if |T1| >= 1 and (|T1| > p or (request in B2 and |T1| = p)), or T2 is
///                   empty, move LRU of T1 to MRU of B1, else LRU of T2 to MRU of B2
/// ```
/// `p` is real-valued (the paper's delta is a ratio). A ghost hit is a miss. Reports hits
/// served from T1 (`hits_probation`) and T2 (`hits_protected`).
public struct ARCPolicy: CachePolicy, ComponentHitReporting {
    public static let summary = "ARC (Megiddo and Modha 2003): recency and frequency lists with adaptive target and ghosts"

    private enum Location: UInt8 { case none, t1, t2, b1, b2 }

    public let capacity: Int64
    public var occupancy: Int64 { Int64(t1.count + t2.count) }
    public var residentCount: Int { t1.count + t2.count }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    private var t1, t2, b1, b2: ObjectList
    private var location: [Location]
    /// Target size of T1.
    private var target = 0.0
    /// Where the current miss was found among the ghosts (`.b1`, `.b2`) or `.none`.
    private var ghostHit = Location.none

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        t1 = ObjectList(objectCount: objectCount)
        t2 = t1
        b1 = t1
        b2 = t1
        location = [Location](repeating: .none, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { location[object] == .t1 || location[object] == .t2 }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        switch location[x] {
        case .t1:
            probationHits += 1
            t1.remove(x)
            t2.pushHead(x)
            location[x] = .t2
            return true
        case .t2:
            protectedHits += 1
            t2.moveToHead(x)
            return true
        case .b1:
            target = min(Double(capacity), target + max(Double(b2.count) / Double(b1.count), 1))
            ghostHit = .b1
            return false
        case .b2:
            target = max(0, target - max(Double(b1.count) / Double(b2.count), 1))
            ghostHit = .b2
            return false
        case .none:
            ghostHit = .none
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        switch ghostHit {
        case .b1, .b2:
            replace(requestInB2: ghostHit == .b2)
        default:
            let c = Int(capacity)
            if t1.count + b1.count >= c {
                if t1.count < c {
                    dropGhostLRU(inB2: false)
                    replace(requestInB2: false)
                } else {
                    let victim = t1.tail
                    t1.remove(victim)
                    location[victim] = .none
                }
            } else {
                if t1.count + t2.count + b1.count + b2.count >= 2 * c { dropGhostLRU(inB2: true) }
                replace(requestInB2: false)
            }
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        let x = request.object
        switch ghostHit {
        case .b1:
            b1.remove(x)
            t2.pushHead(x)
            location[x] = .t2
        case .b2:
            b2.remove(x)
            t2.pushHead(x)
            location[x] = .t2
        default:
            t1.pushHead(x)
            location[x] = .t1
        }
        ghostHit = .none
    }

    private mutating func replace(requestInB2: Bool) {
        let sizeT1 = Double(t1.count)
        if t2.count == 0 || (t1.count >= 1 && (sizeT1 > target || (requestInB2 && sizeT1 == target))) {
            let victim = t1.tail
            t1.remove(victim)
            b1.pushHead(victim)
            location[victim] = .b1
        } else {
            let victim = t2.tail
            t2.remove(victim)
            b2.pushHead(victim)
            location[victim] = .b2
        }
    }

    private mutating func dropGhostLRU(inB2: Bool) {
        let victim = inB2 ? b2.tail : b1.tail
        if inB2 { b2.remove(victim) } else { b1.remove(victim) }
        location[victim] = .none
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public func checkInvariants() throws {
        let c = Int(capacity)
        for (name, list) in [("T1", t1), ("T2", t2), ("B1", b1), ("B2", b2)] { try list.checkInvariants("ARC \(name)") }
        guard t1.count + t2.count <= c else { throw InvariantViolation("ARC holds \(t1.count + t2.count) > capacity \(c)") }
        guard t1.count + b1.count <= c, t1.count + t2.count + b1.count + b2.count <= 2 * c else {
            throw InvariantViolation("ARC directory: T1 \(t1.count), T2 \(t2.count), B1 \(b1.count), B2 \(b2.count), c \(c)")
        }
        guard target >= 0, target <= Double(c) else { throw InvariantViolation("ARC target \(target) outside [0, \(c)]") }
        let counts = location.reduce(into: [0, 0, 0, 0, 0]) { $0[Int($1.rawValue)] += 1 }
        guard counts[1] == t1.count, counts[2] == t2.count, counts[3] == b1.count, counts[4] == b2.count else {
            throw InvariantViolation("ARC location marks \(counts) disagree with list sizes")
        }
    }
}
