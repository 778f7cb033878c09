import CachePolicies
import SimCore

/// Deterministic marking (the marking family of Karlin, Manasse, Rudolph and Sleator
/// 1988, analysed by Fiat et al. 1991): k-competitive like every marking algorithm.
///
/// ```
/// on hit:  mark the page
/// on miss: if every resident page is marked, unmark them all (a new phase);
///          evict the unmarked page that was loaded earliest; load the page, marked
/// ```
/// Tie-break among unmarked pages: earliest load first (FIFO among unmarked pages). Any
/// choice keeps the marking bound; this one differs from LRU, which is the marking
/// algorithm that picks the least recently requested unmarked page.
public struct MarkingPolicy: CachePolicy, StreamablePolicy {
    public static let summary = "deterministic marking: evicts the earliest-loaded unmarked page"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { loadOrder.count }
    /// Every resident page, newest load at the head.
    private var loadOrder: ObjectList
    /// The unmarked resident pages, newest load at the head.
    private var unmarked: ObjectList

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        loadOrder = ObjectList(objectCount: objectCount)
        unmarked = ObjectList(objectCount: objectCount)
    }

    public func contains(_ object: Int) -> Bool { loadOrder.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard loadOrder.holds(request.object) else { return false }
        if unmarked.holds(request.object) { unmarked.remove(request.object) }
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        if unmarked.count == 0 {
            // New phase: unmark every resident page, keeping load order.
            var page = loadOrder.tail
            while page != ObjectList.none {
                unmarked.pushHead(page)
                page = loadOrder.newer(of: page)
            }
        }
        let victim = unmarked.tail
        unmarked.remove(victim)
        loadOrder.remove(victim)
        occupancy -= 1
        forgetLog.note(victim)
    }

    public mutating func insert(_ request: CacheRequest) {
        loadOrder.pushHead(request.object)
        occupancy += request.size
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("marking occupancy \(occupancy) > capacity \(capacity)")
        }
        try loadOrder.checkInvariants("marking load order")
        try unmarked.checkInvariants("marking unmarked pages")
        var page = unmarked.head
        while page != ObjectList.none {
            guard loadOrder.holds(page) else {
                throw InvariantViolation("marking: unmarked page \(page) is not resident")
            }
            page = unmarked.older(of: page)
        }
        guard Int64(loadOrder.count) == occupancy else {
            throw InvariantViolation("marking holds \(loadOrder.count), occupancy \(occupancy)")
        }
    }
}
