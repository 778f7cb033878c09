import HeapModule
import SimCore

/// OPT (Belady's MIN, 1966): evict the resident object whose next request lies furthest
/// in the future; objects never requested again go first.
///
/// ```
/// on hit:  record the object's new next-request position
/// on miss: while full, evict the resident object with the largest next-request position
/// ```
/// Offline: it reads `CacheRequest.nextAccess`, precomputed once per trace. A max-heap of
/// `(nextAccess, object)` with lazy deletion (stale entries are skipped, and the heap is compacted when it exceeds four times the
/// resident set): O(log n) amortised per request.
/// Ties (several objects never requested again) go to the larger object id; they do not
/// change the miss count.
public struct BeladyPolicy: CachePolicy {
    public static let summary = "optimal offline (Belady's MIN): evicts the object requested furthest in the future"

    private struct Entry: Comparable {
        let nextAccess: Int
        let object: Int
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.nextAccess, lhs.object) < (rhs.nextAccess, rhs.object)
        }
    }

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public private(set) var residentCount = 0
    private var heap = Heap<Entry>()
    private var currentNext: [Int]   // next request of each resident object; -1 if not resident

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        currentNext = [Int](repeating: -1, count: objectCount)
    }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard currentNext[request.object] >= 0 else { return false }
        currentNext[request.object] = request.nextAccess
        heap.insert(Entry(nextAccess: request.nextAccess, object: request.object))
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        while let top = heap.popMax() {
            guard currentNext[top.object] == top.nextAccess else { continue }  // stale entry
            currentNext[top.object] = -1
            residentCount -= 1
            occupancy -= 1
            return
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        currentNext[request.object] = request.nextAccess
        heap.insert(Entry(nextAccess: request.nextAccess, object: request.object))
        residentCount += 1
        occupancy += request.size
        if heap.count > 4 * max(residentCount, 16) { compact() }
    }

    /// Drops stale heap entries so the heap stays proportional to the resident set.
    private mutating func compact() {
        heap = Heap(heap.unordered.filter { currentNext[$0.object] == $0.nextAccess })
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else { throw InvariantViolation("OPT occupancy \(occupancy) > capacity \(capacity)") }
        let residentTotal = currentNext.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        guard residentTotal == residentCount, Int64(residentCount) == occupancy else {
            throw InvariantViolation("OPT resident count \(residentCount), marked \(residentTotal), occupancy \(occupancy)")
        }
        for object in currentNext.indices where currentNext[object] >= 0 {
            guard heap.unordered.contains(Entry(nextAccess: currentNext[object], object: object)) else {
                throw InvariantViolation("OPT heap lacks the live entry of object \(object)")
            }
        }
    }
}
