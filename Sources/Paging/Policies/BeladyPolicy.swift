import SimCore

/// OPT (Belady's MIN, 1966): evict the resident object whose next request lies furthest
/// in the future; objects never requested again go first.
///
/// ```
/// on hit:  record the object's new next-request position
/// on miss: while full, evict the resident object with the largest next-request position
/// ```
/// Offline: it reads `CacheRequest.nextAccess`, precomputed once per trace. Residents sit
/// in an `IndexedMaxHeap` that moves entries as libCacheSim's `Belady` does: O(log n) per
/// request. With unit sizes ties (several objects never requested again) do not change the
/// miss count; with sizes they do, and they fall as in libCacheSim (golden tests). Sizes
/// are ignored when choosing (the furthest request goes first, whatever its size), as in
/// libCacheSim's `Belady`, so with sizes OPT is a heuristic, not a lower bound.
public struct BeladyPolicy: CachePolicy {
    public static let summary = "optimal offline (Belady's MIN): evicts the object requested furthest in the future"

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { residents.count }
    private var residents: IndexedMaxHeap
    private var sizes: [Int64]

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        residents = IndexedMaxHeap(objectCount: objectCount)
        sizes = [Int64](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { residents.contains(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard residents.contains(request.object) else { return false }
        residents.changeKey(request.object, to: request.nextAccess)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        if let victim = residents.popMax() { occupancy -= sizes[victim] }
    }

    public mutating func insert(_ request: CacheRequest) {
        residents.insert(request.object, key: request.nextAccess)
        sizes[request.object] = request.size
        occupancy += request.size
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("OPT occupancy \(occupancy) > capacity \(capacity)")
        }
        try residents.checkInvariants("OPT")
        let held = sizes.indices.reduce(Int64(0)) { $0 + (residents.contains($1) ? sizes[$1] : 0) }
        guard held == occupancy else {
            throw InvariantViolation("OPT holds \(held) size units, occupancy \(occupancy)")
        }
    }
}
