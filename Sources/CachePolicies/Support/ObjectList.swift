import SimCore

/// A doubly linked list of dense object ids threaded through arrays, for the list-based
/// policies (LRU, CLOCK, SIEVE). The head is the newest end, the tail the oldest.
///
/// - Complexity: every operation is O(1) except `checkInvariants`, O(n).
public struct ObjectList: Sendable {
    public static let none = -1
    /// Towards the head (newer).
    public private(set) var newer: [Int]
    /// Towards the tail (older).
    public private(set) var older: [Int]
    public private(set) var contains: [Bool]
    public private(set) var head = ObjectList.none
    public private(set) var tail = ObjectList.none
    public private(set) var count = 0

    public init(objectCount: Int) {
        newer = [Int](repeating: Self.none, count: objectCount)
        older = [Int](repeating: Self.none, count: objectCount)
        contains = [Bool](repeating: false, count: objectCount)
    }

    /// Inserts `object` (not in the list) at the head.
    public mutating func pushHead(_ object: Int) {
        older[object] = head
        newer[object] = Self.none
        if head != Self.none { newer[head] = object } else { tail = object }
        head = object
        contains[object] = true
        count += 1
    }

    /// Removes `object` (in the list).
    public mutating func remove(_ object: Int) {
        let n = newer[object]
        let o = older[object]
        if n != Self.none { older[n] = o } else { head = o }
        if o != Self.none { newer[o] = n } else { tail = n }
        newer[object] = Self.none
        older[object] = Self.none
        contains[object] = false
        count -= 1
    }

    /// Moves `object` (in the list) to the head.
    public mutating func moveToHead(_ object: Int) {
        guard object != head else { return }
        remove(object)
        pushHead(object)
    }

    /// Checks links both ways and the count.
    public func checkInvariants(_ name: String) throws {
        var walked = 0
        var cursor = head
        var previous = Self.none
        while cursor != Self.none {
            guard contains[cursor], walked < count else {
                throw InvariantViolation("\(name): list reaches \(cursor) outside it or loops")
            }
            guard newer[cursor] == previous else { throw InvariantViolation("\(name): broken back link at \(cursor)") }
            walked += 1
            previous = cursor
            cursor = older[cursor]
        }
        let marked = contains.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard previous == tail, walked == count, marked == count else {
            throw InvariantViolation("\(name): walked \(walked), count \(count), marked \(marked)")
        }
    }
}
