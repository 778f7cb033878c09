import HeapModule
import SimCore

/// A set of objects, each with an integer key (a next-request position, true or
/// predicted), that finds and removes the object of largest key.
///
/// A max-heap of `(key, object)` with lazy deletion: removing an object or changing its
/// key leaves the old entry in the heap, skipped when it surfaces; the heap is compacted
/// when it exceeds four times the set. Ties of equal keys go to the larger object id.
///
/// - Complexity: `insert`, `updateKey` and `popMax` are O(log n) amortised; `remove` O(1).
struct FurthestKeyHeap {
    static let absent = Int.min

    private struct Entry: Comparable {
        let key: Int
        let object: Int
        static func < (lhs: Entry, rhs: Entry) -> Bool { (lhs.key, lhs.object) < (rhs.key, rhs.object) }
    }

    private var heap = Heap<Entry>()
    /// Key of each member, `absent` for non-members.
    private(set) var key: [Int]
    private(set) var count = 0

    init(objectCount: Int) {
        key = [Int](repeating: Self.absent, count: objectCount)
    }

    func contains(_ object: Int) -> Bool { key[object] != Self.absent }

    /// Adds a non-member, or changes a member's key.
    mutating func set(_ object: Int, key newKey: Int) {
        if key[object] == Self.absent { count += 1 }
        key[object] = newKey
        heap.insert(Entry(key: newKey, object: object))
        if heap.count > 4 * max(count, 16) { compact() }
    }

    /// Removes a member.
    mutating func remove(_ object: Int) {
        guard key[object] != Self.absent else { return }
        key[object] = Self.absent
        count -= 1
    }

    /// Removes and returns the member of largest key, if any.
    mutating func popMax() -> Int? {
        while let top = heap.popMax() {
            guard key[top.object] == top.key else { continue }  // stale entry
            key[top.object] = Self.absent
            count -= 1
            return top.object
        }
        return nil
    }

    private mutating func compact() {
        heap = Heap(heap.unordered.filter { key[$0.object] == $0.key })
    }

    /// Checks that every member has its live entry in the heap. O(n log n).
    func checkInvariants(_ name: String) throws {
        let members = key.reduce(0) { $0 + ($1 != Self.absent ? 1 : 0) }
        guard members == count else { throw InvariantViolation("\(name): \(members) keyed members, count \(count)") }
        let live = Set(heap.unordered.filter { key[$0.object] == $0.key }.map(\.object))
        guard live.count == count else {
            throw InvariantViolation("\(name): \(live.count) live heap entries for \(count) members")
        }
    }
}
