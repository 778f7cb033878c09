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

    private enum Location: UInt8 { case none, a1in, am, a1out }

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public var occupancy: Int64 { Int64(a1in.count + am.count) }
    public var residentCount: Int { a1in.count + am.count }
    public private(set) var probationHits = 0
    public private(set) var protectedHits = 0
    private let kin: Int
    private let kout: Int
    private var a1in, am, a1out: ObjectList
    private var location: [Location]
    /// Whether the current miss was found (and consumed) in A1out.
    private var ghostHit = false

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        kin = Int(capacity / 4)
        kout = Int(capacity / 2)
        a1in = ObjectList(objectCount: objectCount)
        am = a1in
        a1out = a1in
        location = [Location](repeating: .none, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { location[object] == .a1in || location[object] == .am }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        switch location[request.object] {
        case .am:
            protectedHits += 1
            am.moveToHead(request.object)
            return true
        case .a1in:
            probationHits += 1
            return true
        case .a1out:
            // The ghost is consumed now, before room is made (as in libCacheSim's TwoQ).
            a1out.remove(request.object)
            location[request.object] = .none
            ghostHit = true
            return false
        case .none:
            ghostHit = false
            return false
        }
    }

    public mutating func evict(for request: CacheRequest) {
        if a1in.count > kin || am.count == 0 {
            let victim = a1in.tail
            a1in.remove(victim)
            a1out.pushHead(victim)
            location[victim] = .a1out
            if a1out.count > kout {
                let dropped = a1out.tail
                a1out.remove(dropped)
                location[dropped] = .none
                forgetLog.note(dropped)
            }
        } else {
            let victim = am.tail
            am.remove(victim)
            location[victim] = .none
            forgetLog.note(victim)
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        let x = request.object
        if ghostHit {
            ghostHit = false
            am.pushHead(x)
            location[x] = .am
        } else {
            a1in.pushHead(x)
            location[x] = .a1in
        }
    }

    public var componentHits: (probation: Int, protected: Int) { (probationHits, protectedHits) }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + Int(capacity / 2) }

    public func checkInvariants() throws {
        for (name, list) in [("A1in", a1in), ("Am", am), ("A1out", a1out)] { try list.checkInvariants("2Q \(name)") }
        guard occupancy <= capacity else { throw InvariantViolation("2Q holds \(occupancy) > capacity \(capacity)") }
        guard a1out.count <= max(kout, 0) else { throw InvariantViolation("2Q A1out holds \(a1out.count) > Kout \(kout)") }
        let counts = location.reduce(into: [0, 0, 0, 0]) { $0[Int($1.rawValue)] += 1 }
        guard counts[1] == a1in.count, counts[2] == am.count, counts[3] == a1out.count else {
            throw InvariantViolation("2Q location marks \(counts) disagree with list sizes")
        }
    }
}
