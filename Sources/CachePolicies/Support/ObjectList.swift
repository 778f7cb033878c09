import SimCore

/// A doubly linked list of dense object ids threaded through one array of links, for the
/// list-based policies (LRU, CLOCK, SIEVE, ...). The head is the newest end, the tail the
/// oldest.
///
/// Each object's two links are 32-bit and sit side by side with its size, so moving an
/// object touches one cache line per neighbour; membership is a reserved link value, not
/// another array. The list keeps the total size of its members (`bytes`): an object keeps
/// the size it was pushed with until it is removed.
///
/// - Complexity: every operation is O(1) except `checkInvariants`, O(n).
public struct ObjectList: Sendable {
    public static let none = -1
    /// The `newer` link of an object that is not in the list.
    private static let absent: Int32 = .min
    private static let end: Int32 = -1

    private struct Links: Sendable {
        var newer: Int32
        var older: Int32
        var size: Int64 = 1
    }

    private var links: [Links]
    public private(set) var head = ObjectList.none
    public private(set) var tail = ObjectList.none
    public private(set) var count = 0
    /// The total size of the members.
    public private(set) var bytes: Int64 = 0

    public init(objectCount: Int) {
        links = [Links](repeating: Links(newer: Self.absent, older: Self.end), count: objectCount)
    }

    /// Whether `object` is in the list.
    @inline(__always)
    public func holds(_ object: Int) -> Bool { links[object].newer != Self.absent }

    /// The next object towards the head (newer), or `none`; `object` must be in the list.
    @inline(__always)
    public func newer(of object: Int) -> Int { Int(links[object].newer) }

    /// The next object towards the tail (older), or `none`; `object` must be in the list.
    @inline(__always)
    public func older(of object: Int) -> Int { Int(links[object].older) }

    /// The size `object` (in the list) was pushed with.
    @inline(__always)
    public func size(of object: Int) -> Int64 { links[object].size }

    /// Inserts `object` (not in the list) at the head, with its size.
    @inline(__always)
    public mutating func pushHead(_ object: Int, size: Int64 = 1) {
        links[object] = Links(newer: Self.end, older: Int32(truncatingIfNeeded: head), size: size)
        if head != Self.none { links[head].newer = Int32(truncatingIfNeeded: object) } else { tail = object }
        head = object
        count += 1
        bytes += size
    }

    /// Removes `object` (in the list).
    @inline(__always)
    public mutating func remove(_ object: Int) {
        let l = links[object]
        if l.newer != Self.end { links[Int(l.newer)].older = l.older } else { head = Int(l.older) }
        if l.older != Self.end { links[Int(l.older)].newer = l.newer } else { tail = Int(l.newer) }
        links[object] = Links(newer: Self.absent, older: Self.end)
        count -= 1
        bytes -= l.size
    }

    /// Moves `object` (in the list) to the head, keeping its size.
    @inline(__always)
    public mutating func moveToHead(_ object: Int) {
        guard object != head else { return }
        let size = links[object].size
        remove(object)
        pushHead(object, size: size)
    }

    /// Checks links both ways and the count.
    public func checkInvariants(_ name: String) throws {
        var walked = 0
        var cursor = head
        var previous = Self.none
        while cursor != Self.none {
            guard holds(cursor), walked < count else {
                throw InvariantViolation("\(name): list reaches \(cursor) outside it or loops")
            }
            guard newer(of: cursor) == previous else {
                throw InvariantViolation("\(name): broken back link at \(cursor)")
            }
            walked += 1
            previous = cursor
            cursor = older(of: cursor)
        }
        let marked = links.indices.reduce(0) { $0 + (holds($1) ? 1 : 0) }
        guard previous == tail, walked == count, marked == count else {
            throw InvariantViolation("\(name): walked \(walked), count \(count), marked \(marked)")
        }
        let total = links.indices.reduce(Int64(0)) { $0 + (holds($1) ? links[$1].size : 0) }
        guard total == bytes else { throw InvariantViolation("\(name): members hold \(total), counted \(bytes)") }
    }
}
