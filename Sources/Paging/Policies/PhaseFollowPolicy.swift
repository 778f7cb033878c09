import CachePolicies
import SimCore

/// Following phase predictions blindly (the baseline of "Paging with Succinct
/// Predictions", Antoniadis et al., ICML 2023): each request carries one bit, 1 meaning
/// "this page is requested again in the next k-phase".
///
/// ```
/// a page's bit is that of its latest request
/// on miss (cache full): evict the least recently used page whose bit is 0; if every
///     page has bit 1, evict the least recently used page
/// ```
/// Not a marking algorithm, so wrong bits can make it miss on every request (not
/// robust); `phase-robust` (Mark&Predict) is the robust scheme.
public struct PhaseFollowPolicy: CachePolicy {
    public static let summary =
        "follow phase bits: evicts the LRU page predicted absent from the next phase (not robust)"

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { notNeeded.count + needed.count }
    /// LRU lists of pages whose latest bit is 0 and 1.
    private var notNeeded, needed: ObjectList
    private let bits: [Bool]

    public init(capacity: Int64, objectCount: Int, bits: [Bool]) {
        self.capacity = capacity
        notNeeded = ObjectList(objectCount: objectCount)
        needed = notNeeded
        self.bits = bits
    }

    public func contains(_ object: Int) -> Bool { notNeeded.holds(object) || needed.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        if notNeeded.holds(x) {
            notNeeded.remove(x)
        } else if needed.holds(x) {
            needed.remove(x)
        } else {
            return false
        }
        place(request)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        if notNeeded.count > 0 { notNeeded.remove(notNeeded.tail) } else { needed.remove(needed.tail) }
        occupancy -= 1
    }

    public mutating func insert(_ request: CacheRequest) {
        place(request)
        occupancy += request.size
    }

    private mutating func place(_ request: CacheRequest) {
        if bits[request.index] { needed.pushHead(request.object) } else { notNeeded.pushHead(request.object) }
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("phase-follow occupancy \(occupancy) > capacity \(capacity)")
        }
        try notNeeded.checkInvariants("phase-follow bit-0 pages")
        try needed.checkInvariants("phase-follow bit-1 pages")
        guard Int64(residentCount) == occupancy else {
            throw InvariantViolation("phase-follow holds \(residentCount), occupancy \(occupancy)")
        }
    }
}
