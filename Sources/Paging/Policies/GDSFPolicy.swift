import CachePolicies
import HeapModule
import SimCore

/// GDSF, GreedyDual-Size-Frequency (Cherkasova, "Improving WWW Proxies Performance with
/// Greedy-Dual-Size-Frequency Caching Policy", HP Labs 1998), with cost 1, as libCacheSim's
/// `GDSF`.
///
/// ```
/// priority(x) = L + frequency(x) * 10^6 / size(x)      (a double; L starts at 0)
/// on hit:  frequency += 1; recompute the priority with the current L
/// on miss: insert with frequency 1 (if no larger than the cache), then, while the cache is
///          over capacity, evict the object of lowest priority (ties: the least recently
///          requested) and set L to its priority; the new object may be the one evicted
/// ```
/// The clock `L` ages every resident: objects requested long ago fall below new ones.
/// Small, frequently requested objects stay; large, rarely requested ones go first. A
/// frequency counts requests while resident (reset on eviction). The 10^6 scale and the
/// insert-then-evict order are libCacheSim's (golden tests on the CloudPhysics trace).
/// Residents sit in a min-heap with lazy deletion: O(log n) amortised per request.
public struct GDSFPolicy: CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary =
        "GDSF (Cherkasova 1998): greedy-dual priority L + frequency / size, for caches of objects of different sizes"

    /// One heap entry: an object's priority when the entry was made, and its last request.
    private struct Entry: Comparable {
        let priority: Double
        let lastRequest: Int
        let object: Int
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.priority, lhs.lastRequest) < (rhs.priority, rhs.lastRequest)
        }
    }

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public private(set) var residentCount = 0
    /// The aging clock: the priority of the latest evicted object.
    public private(set) var clock = 0.0
    private var heap = Heap<Entry>()
    /// Request count of each resident object; 0 if not resident.
    private var frequency: [Int]
    /// The last request of each resident object (its live heap entry's `lastRequest`).
    private var lastRequest: [Int]
    private var sizes: [Int64]

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        frequency = [Int](repeating: 0, count: objectCount)
        lastRequest = [Int](repeating: -1, count: objectCount)
        sizes = [Int64](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { frequency[object] > 0 }

    private func priority(of x: Int) -> Double { clock + Double(frequency[x]) * 1.0e6 / Double(sizes[x]) }

    private mutating func push(_ x: Int, at index: Int) {
        lastRequest[x] = index
        heap.insert(Entry(priority: priority(of: x), lastRequest: index, object: x))
        if heap.count > 4 * max(residentCount, 16) {
            heap = Heap(heap.unordered.filter { lastRequest[$0.object] == $0.lastRequest })
        }
    }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        let x = request.object
        guard frequency[x] > 0 else { return false }
        frequency[x] += 1
        push(x, at: request.index)
        return true
    }

    /// Evicts the resident object of lowest priority and moves the clock to its priority.
    public mutating func evict(for request: CacheRequest) {
        while let top = heap.popMin() {
            let x = top.object
            guard frequency[x] > 0, lastRequest[x] == top.lastRequest else { continue }  // stale entry
            clock = top.priority
            frequency[x] = 0
            lastRequest[x] = -1
            residentCount -= 1
            occupancy -= sizes[x]
            forgetLog.note(x)
            evictionCount += 1
            lastEvicted = x
            return
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        let x = request.object
        frequency[x] = 1
        sizes[x] = request.size
        residentCount += 1
        occupancy += request.size
        push(x, at: request.index)
    }

    /// Insert first, then evict while over capacity (the new object may go at once), as
    /// libCacheSim's `GDSF_get` does.
    public mutating func access(_ request: CacheRequest) -> Bool {
        if lookup(request) { return true }
        guard admits(request) else { return false }
        insert(request)
        while occupancy > capacity { evict(for: request) }
        return false
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) + 1 }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("GDSF occupancy \(occupancy) > capacity \(capacity)")
        }
        let resident = frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let held = frequency.indices.reduce(Int64(0)) { $0 + (frequency[$1] > 0 ? sizes[$1] : 0) }
        let live = heap.unordered.filter { frequency[$0.object] > 0 && lastRequest[$0.object] == $0.lastRequest }
        guard resident == residentCount, held == occupancy, live.count == residentCount else {
            throw InvariantViolation(
                "GDSF: \(resident) resident, count \(residentCount), \(live.count) live entries, \(held) held, occupancy \(occupancy)"
            )
        }
    }
}
