import CachePolicies
import SimCore

/// MRU: evict the most recently requested object (the best of the simple policies on a loop
/// larger than the cache, where LRU misses every request).
///
/// ```
/// on hit:  move the object to the most-recent end
/// on miss: while full, evict from the most-recent end; insert at the most-recent end
/// ```
struct MRUPolicy: CachePolicy {
    static let summary = "most recently used: evicts the object requested last (an example policy from outside memsim)"

    let capacity: Int64
    private(set) var occupancy: Int64 = 0
    var residentCount: Int { list.count }
    private var list: ObjectList

    init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        list = ObjectList(objectCount: objectCount)
    }

    func contains(_ object: Int) -> Bool { list.holds(object) }

    mutating func lookup(_ request: CacheRequest) -> Bool {
        guard list.holds(request.object) else { return false }
        list.moveToHead(request.object)
        return true
    }

    mutating func evict(for request: CacheRequest) {
        list.remove(list.head)
        occupancy -= 1
    }

    mutating func insert(_ request: CacheRequest) {
        list.pushHead(request.object)
        occupancy += 1
    }

    func checkInvariants() throws {
        try list.checkInvariants("mru")
        guard occupancy == Int64(list.count) else { throw InvariantViolation("mru: occupancy \(occupancy)") }
    }
}
