import SimCore

/// LFU: evict the resident object with the fewest requests since it was inserted.
///
/// ```
/// on hit:  frequency += 1 (the object moves to the newest end of its new frequency's list)
/// on miss: while full, evict from the least frequency: the object that reached that
///          frequency least recently (LRU among equals); insert with frequency 1
/// ```
/// Tie-break: among objects of the minimum frequency, the one whose last request (or
/// insertion) is oldest goes first. Frequencies count requests while resident; an evicted
/// object starts again at 1 (no frequency history, "in-cache LFU"). O(1) per request:
/// one list per frequency, threaded through arrays, and a running minimum. This is
/// libCacheSim's `LFU` on unit-size objects (golden test on the CloudPhysics trace).
public struct LFUPolicy: Sendable, CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "least frequently used (in-cache counts; ties: least recently used first)"
    static let none = -1

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public private(set) var residentCount = 0
    /// Request count of each resident object; 0 if not resident.
    private var frequency: [Int]
    private var newer: [Int]
    private var older: [Int]
    /// Newest and oldest object of each frequency's list (index = frequency).
    private var bucketHead: [Int] = [none, none]
    private var bucketTail: [Int] = [none, none]
    private var minFrequency = 1
    private var sizes: [Int64]

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        frequency = [Int](repeating: 0, count: objectCount)
        newer = [Int](repeating: Self.none, count: objectCount)
        older = newer
        sizes = [Int64](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { frequency[object] > 0 }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        let f = frequency[x]
        guard f > 0 else { return false }
        unlink(x, from: f)
        if minFrequency == f, bucketHead[f] == Self.none { minFrequency = f + 1 }
        link(x, into: f + 1)
        frequency[x] = f + 1
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        while bucketTail[minFrequency] == Self.none { minFrequency += 1 }
        let victim = bucketTail[minFrequency]
        unlink(victim, from: minFrequency)
        frequency[victim] = 0
        residentCount -= 1
        occupancy -= sizes[victim]
        forgetLog.note(victim)
        evictionCount += 1
        lastEvicted = victim
    }

    public mutating func insert(_ request: CacheRequest) {
        link(request.object, into: 1)
        frequency[request.object] = 1
        minFrequency = 1
        residentCount += 1
        sizes[request.object] = request.size
        occupancy += request.size
    }

    private mutating func link(_ x: Int, into f: Int) {
        if f >= bucketHead.count {
            bucketHead.append(Self.none)
            bucketTail.append(Self.none)
        }
        let head = bucketHead[f]
        older[x] = head
        newer[x] = Self.none
        if head != Self.none { newer[head] = x } else { bucketTail[f] = x }
        bucketHead[f] = x
    }

    private mutating func unlink(_ x: Int, from f: Int) {
        let n = newer[x]
        let o = older[x]
        if n != Self.none { older[n] = o } else { bucketHead[f] = o }
        if o != Self.none { newer[o] = n } else { bucketTail[f] = n }
        newer[x] = Self.none
        older[x] = Self.none
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("LFU occupancy \(occupancy) > capacity \(capacity)")
        }
        var listed = 0
        for f in 1..<bucketHead.count {
            var cursor = bucketHead[f]
            var previous = Self.none
            while cursor != Self.none {
                guard frequency[cursor] == f, newer[cursor] == previous, listed < residentCount else {
                    throw InvariantViolation("LFU: object \(cursor) misplaced in the frequency-\(f) list")
                }
                listed += 1
                previous = cursor
                cursor = older[cursor]
            }
            guard previous == bucketTail[f] else { throw InvariantViolation("LFU: tail of frequency \(f) is wrong") }
            if f < minFrequency, bucketHead[f] != Self.none {
                throw InvariantViolation("LFU: minimum frequency \(minFrequency) above a non-empty list \(f)")
            }
        }
        let resident = frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let held = frequency.indices.reduce(Int64(0)) { $0 + (frequency[$1] > 0 ? sizes[$1] : 0) }
        guard listed == residentCount, resident == residentCount, held == occupancy else {
            throw InvariantViolation(
                "LFU lists \(listed), resident \(resident), count \(residentCount), occupancy \(occupancy)")
        }
    }
}
