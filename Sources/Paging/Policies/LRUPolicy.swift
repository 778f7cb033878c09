import SimCore

/// LRU: evict the least recently requested object.
///
/// ```
/// on hit:  move the object to the most-recent end
/// on miss: while full, evict from the least-recent end; insert at the most-recent end
/// ```
/// A doubly linked list threaded through arrays indexed by object id: O(1) per request.
public struct LRUPolicy: CachePolicy {
    public static let summary = "least recently used: evicts the object whose last request is oldest"

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public private(set) var residentCount = 0
    private static let none = -1
    private var previous: [Int]   // towards the most recent end
    private var next: [Int]       // towards the least recent end
    private var resident: [Bool]
    private var mostRecent = LRUPolicy.none
    private var leastRecent = LRUPolicy.none

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        previous = [Int](repeating: LRUPolicy.none, count: objectCount)
        next = [Int](repeating: LRUPolicy.none, count: objectCount)
        resident = [Bool](repeating: false, count: objectCount)
    }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let object = request.object
        guard resident[object] else { return false }
        if object != mostRecent {
            unlink(object)
            pushMostRecent(object)
        }
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        let victim = leastRecent
        unlink(victim)
        resident[victim] = false
        residentCount -= 1
        occupancy -= 1
    }

    public mutating func insert(_ request: CacheRequest) {
        pushMostRecent(request.object)
        resident[request.object] = true
        residentCount += 1
        occupancy += request.size
    }

    private mutating func unlink(_ object: Int) {
        let before = previous[object], after = next[object]
        if before != LRUPolicy.none { next[before] = after } else { mostRecent = after }
        if after != LRUPolicy.none { previous[after] = before } else { leastRecent = before }
        previous[object] = LRUPolicy.none
        next[object] = LRUPolicy.none
    }

    private mutating func pushMostRecent(_ object: Int) {
        next[object] = mostRecent
        previous[object] = LRUPolicy.none
        if mostRecent != LRUPolicy.none { previous[mostRecent] = object } else { leastRecent = object }
        mostRecent = object
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else { throw InvariantViolation("LRU occupancy \(occupancy) > capacity \(capacity)") }
        var walked = 0
        var cursor = mostRecent
        var last = LRUPolicy.none
        while cursor != LRUPolicy.none {
            guard resident[cursor], walked <= residentCount else {
                throw InvariantViolation("LRU list reaches non-resident object \(cursor) or loops")
            }
            guard previous[cursor] == last else { throw InvariantViolation("LRU back link broken at \(cursor)") }
            walked += 1
            last = cursor
            cursor = next[cursor]
        }
        guard last == leastRecent, walked == residentCount, Int64(walked) == occupancy else {
            throw InvariantViolation("LRU list length \(walked), resident count \(residentCount), occupancy \(occupancy)")
        }
    }
}
