import CachePolicies
import SimCore

/// FWF, flush when full (Karlin, Manasse, Rudolph and Sleator 1988): a marking
/// algorithm that empties the whole cache when a page must be evicted; k-competitive.
///
/// ```
/// on hit:  nothing
/// on miss: if the cache is full, evict every page; load the page
/// ```
/// Every FWF phase is a marking phase: the cache fills with exactly the distinct pages of
/// the phase.
public struct FWFPolicy: CachePolicy, StreamablePolicy {
    public static let summary = "flush when full: on a miss with a full cache, evicts every page"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { residents.count }
    private var residents: [Int] = []
    private var resident: [Bool]

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        resident = [Bool](repeating: false, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { resident[object] }

    public mutating func lookup(_ request: CacheRequest) -> Bool { resident[request.object] }

    public mutating func evict(for request: CacheRequest) {
        for page in residents {
            resident[page] = false
            forgetLog.note(page)
        }
        residents.removeAll(keepingCapacity: true)
        occupancy = 0
    }

    public mutating func insert(_ request: CacheRequest) {
        resident[request.object] = true
        residents.append(request.object)
        occupancy += request.size
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("FWF occupancy \(occupancy) > capacity \(capacity)")
        }
        let marked = resident.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard marked == residents.count, Int64(residents.count) == occupancy,
            residents.allSatisfy({ resident[$0] })
        else { throw InvariantViolation("FWF holds \(residents.count), marked \(marked), occupancy \(occupancy)") }
    }
}
