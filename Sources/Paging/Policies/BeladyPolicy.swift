import SimCore

/// OPT (Belady's MIN, 1966): evict the resident object whose next request lies furthest
/// in the future; objects never requested again go first.
///
/// ```
/// on hit:  record the object's new next-request position
/// on miss: while full, evict the resident object with the largest next-request position
/// ```
/// Offline: it reads `CacheRequest.nextAccess`, precomputed once per trace. Residents sit
/// in a `FurthestKeyHeap`: O(log n) amortised per request. Ties (several objects never
/// requested again) go to the larger object id; they do not change the miss count.
public struct BeladyPolicy: CachePolicy {
    public static let summary = "optimal offline (Belady's MIN): evicts the object requested furthest in the future"

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { residents.count }
    private var residents: FurthestKeyHeap

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        residents = FurthestKeyHeap(objectCount: objectCount)
    }

    public func contains(_ object: Int) -> Bool { residents.contains(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard residents.contains(request.object) else { return false }
        residents.set(request.object, key: request.nextAccess)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        if residents.popMax() != nil { occupancy -= 1 }
    }

    public mutating func insert(_ request: CacheRequest) {
        residents.set(request.object, key: request.nextAccess)
        occupancy += request.size
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("OPT occupancy \(occupancy) > capacity \(capacity)")
        }
        try residents.checkInvariants("OPT")
        guard Int64(residents.count) == occupancy else {
            throw InvariantViolation("OPT resident count \(residents.count), occupancy \(occupancy)")
        }
    }
}
