import CachePolicies
import SimCore

/// Following discard predictions (the MARK0 scheme of Antoniadis, Boyar, Eliáš, Favrholdt,
/// Hoeksma, Larsen, Polak and Simon, "Paging with Succinct Predictions", ICML 2023; the
/// pseudo-code here is our reading of it): each request carries one bit, 1 meaning "OPT
/// would evict this page before its next request" (safe to discard).
///
/// ```
/// a page's bit is that of its latest request; only 0-pages are marked
/// on every request of p with bit b: b = 1 ? p joins the 1-pages : p is marked
/// on miss (cache full): if some page has bit 1, evict the least recently used 1-page;
///     else if no 0-page is unmarked, unmark all (a new phase); evict the least
///     recently used unmarked 0-page
/// ```
/// With correct bits it never evicts a page OPT keeps, so it is optimal (1-consistent);
/// its cost is at most OPT + (k - 1) eta_0 + eta_1 for eta_0 wrong "keep" bits and eta_1
/// wrong "discard" bits, but with adversarial bits it can miss on every request (not
/// robust; `discard-robust` combines it with randomized marking).
public struct DiscardFollowPolicy: CachePolicy, EvictionReporting {
    public static let summary =
        "follow discard bits (MARK0, Antoniadis et al. 2023): evicts a page marked safe to discard first"

    public let capacity: Int64
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { discardable.count + unmarked.count + marked.count }
    /// LRU lists: pages whose latest bit is 1; unmarked and marked 0-pages.
    private var discardable, unmarked, marked: ObjectList
    private let bits: [Bool]

    public init(capacity: Int64, objectCount: Int, bits: [Bool]) {
        self.capacity = capacity
        discardable = ObjectList(objectCount: objectCount)
        unmarked = discardable
        marked = discardable
        self.bits = bits
    }

    public func contains(_ object: Int) -> Bool {
        discardable.holds(object) || unmarked.holds(object) || marked.holds(object)
    }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        if discardable.holds(x) {
            discardable.remove(x)
        } else if unmarked.holds(x) {
            unmarked.remove(x)
        } else if marked.holds(x) {
            marked.remove(x)
        } else {
            return false
        }
        place(request)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        let victim: Int
        if discardable.count > 0 {
            victim = discardable.tail
            discardable.remove(victim)
        } else {
            if unmarked.count == 0 {
                // New phase: every (marked) 0-page becomes unmarked, in the same LRU order.
                swap(&unmarked, &marked)
            }
            victim = unmarked.tail
            unmarked.remove(victim)
        }
        occupancy -= 1
        evictionCount += 1
        lastEvicted = victim
    }

    public mutating func insert(_ request: CacheRequest) {
        place(request)
        occupancy += request.size
    }

    private mutating func place(_ request: CacheRequest) {
        if bits[request.index] { discardable.pushHead(request.object) } else { marked.pushHead(request.object) }
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("discard-follow occupancy \(occupancy) > capacity \(capacity)")
        }
        for (name, list) in [("1-pages", discardable), ("unmarked", unmarked), ("marked", marked)] {
            try list.checkInvariants("discard-follow \(name)")
        }
        guard Int64(residentCount) == occupancy else {
            throw InvariantViolation("discard-follow holds \(residentCount), occupancy \(occupancy)")
        }
    }
}
