import SimCore

/// LRU: evict the least recently requested object.
///
/// ```
/// on hit:  move the object to the most-recent end
/// on miss: while full, evict from the least-recent end; insert at the most-recent end
/// ```
/// A doubly linked list threaded through arrays indexed by object id: O(1) per request.
/// With sizes, eviction repeats until the new object fits; each object keeps the size it
/// was inserted with (`CachePolicy`).
public struct LRUPolicy: Sendable, CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "least recently used: evicts the object whose last request is oldest"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public var occupancy: Int64 { list.bytes }
    public var residentCount: Int { list.count }
    private var list: ObjectList

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        list = ObjectList(objectCount: objectCount)
    }

    public func contains(_ object: Int) -> Bool { list.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard list.holds(request.object) else { return false }
        list.moveToHead(request.object)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        let victim = list.tail
        list.remove(victim)
        forgetLog.note(victim)
        evictionCount += 1
        lastEvicted = victim
    }

    public mutating func insert(_ request: CacheRequest) {
        list.pushHead(request.object, size: request.size)
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("LRU occupancy \(occupancy) > capacity \(capacity)")
        }
        try list.checkInvariants("LRU")
    }
}
