import SimCore

/// A binary max-heap of objects keyed by integers (next-request positions), with each
/// object's position tracked so its key can change in place.
///
/// It moves entries exactly as libCacheSim's `pqueue` does (1-based array; an entry climbs
/// while its parent's key is smaller; the right child is taken only when the left one's key
/// is smaller; a popped root is replaced by the last entry, which then sinks). Equal keys
/// (objects never requested again) therefore leave in the same order as in libCacheSim's
/// `Belady`, which changes which bytes are freed when objects have sizes.
///
/// - Complexity: `insert`, `changeKey` and `popMax` are O(log n).
struct IndexedMaxHeap {
    private static let absent: Int32 = -1

    /// A member and its key, stored together so that sifting reads no other array.
    private struct Entry {
        var key: Int
        var object: Int32
    }

    /// `slots[0]` is unused, as in libCacheSim.
    private var slots: [Entry] = [Entry(key: 0, object: -1)]
    private var position: [Int32]

    init(objectCount: Int) {
        position = [Int32](repeating: Self.absent, count: objectCount)
    }

    var count: Int { slots.count - 1 }

    func contains(_ object: Int) -> Bool { position[object] != Self.absent }

    /// Adds `object` (not a member) with `key`.
    mutating func insert(_ object: Int, key: Int) {
        slots.append(Entry(key: key, object: Int32(object)))
        bubbleUp(slots.count - 1)
    }

    /// Changes a member's key and restores the heap order.
    mutating func changeKey(_ object: Int, to key: Int) {
        let i = Int(position[object])
        let old = slots[i].key
        slots[i].key = key
        if old < key { bubbleUp(i) } else { percolateDown(i) }
    }

    /// Removes and returns the member of largest key, if any.
    mutating func popMax() -> Int? {
        guard slots.count > 1 else { return nil }
        let top = Int(slots[1].object)
        let last = slots.removeLast()
        position[top] = Self.absent
        if slots.count > 1 {
            slots[1] = last
            percolateDown(1)
        }
        return top
    }

    private mutating func place(_ entry: Entry, at i: Int) {
        slots[i] = entry
        position[Int(entry.object)] = Int32(i)
    }

    private mutating func bubbleUp(_ start: Int) {
        var i = start
        let moving = slots[i]
        while i > 1, slots[i / 2].key < moving.key {
            place(slots[i / 2], at: i)
            i /= 2
        }
        place(moving, at: i)
    }

    private mutating func percolateDown(_ start: Int) {
        var i = start
        let moving = slots[i]
        let n = slots.count
        while true {
            var child = 2 * i
            guard child < n else { break }
            if child + 1 < n, slots[child].key < slots[child + 1].key { child += 1 }
            guard moving.key < slots[child].key else { break }
            place(slots[child], at: i)
            i = child
        }
        place(moving, at: i)
    }

    /// Checks the heap order and the position index.
    func checkInvariants(_ name: String) throws {
        for i in 1..<slots.count {
            guard position[Int(slots[i].object)] == Int32(i) else {
                throw InvariantViolation("\(name): heap position of \(slots[i].object) is wrong")
            }
            guard i == 1 || slots[i / 2].key >= slots[i].key else {
                throw InvariantViolation("\(name): heap order broken at \(i)")
            }
        }
        let members = position.reduce(0) { $0 + ($1 != Self.absent ? 1 : 0) }
        guard members == count else { throw InvariantViolation("\(name): \(members) members, heap holds \(count)") }
    }
}
