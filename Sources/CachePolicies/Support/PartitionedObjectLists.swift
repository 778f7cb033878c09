import SimCore

/// Several doubly linked lists of dense object ids that share one pair of link arrays,
/// for policies whose objects sit in at most one of several queues at a time (ARC's T1,
/// T2, B1, B2; 2Q's A1in, Am, A1out; ...). Each list has a head (newest end) and a tail
/// (oldest end); `list(of:)` says which list holds an object, or `none`.
///
/// Sharing the links keeps one object's metadata in three small arrays (two 32-bit links
/// and one byte), instead of one set per list: fewer cache misses per request.
///
/// - Complexity: every operation is O(1) except `checkInvariants`, O(n).
public struct PartitionedObjectLists: Sendable {
    public static let end: Int32 = -1
    /// The list index of an object that is in no list.
    public static let none: UInt8 = .max

    private var newer: [Int32]
    private var older: [Int32]
    private var membership: [UInt8]
    private var heads: [Int32]
    private var tails: [Int32]
    public private(set) var counts: [Int]

    public init(lists: Int, objectCount: Int) {
        precondition(lists < Int(Self.none), "too many lists")
        newer = [Int32](repeating: Self.end, count: objectCount)
        older = newer
        membership = [UInt8](repeating: Self.none, count: objectCount)
        heads = [Int32](repeating: Self.end, count: lists)
        tails = heads
        counts = [Int](repeating: 0, count: lists)
    }

    /// The list holding `object`, or `none`.
    @inline(__always)
    public func list(of object: Int) -> UInt8 { membership[object] }

    @inline(__always)
    public func count(_ list: UInt8) -> Int { counts[Int(list)] }

    /// The oldest object of `list`; requires a non-empty list.
    @inline(__always)
    public func tail(_ list: UInt8) -> Int { Int(tails[Int(list)]) }

    /// Inserts `object` (in no list) at the head of `list`.
    @inline(__always)
    public mutating func pushHead(_ object: Int, to list: UInt8) {
        let l = Int(list)
        let head = heads[l]
        older[object] = head
        newer[object] = Self.end
        if head != Self.end { newer[Int(head)] = Int32(object) } else { tails[l] = Int32(object) }
        heads[l] = Int32(object)
        membership[object] = list
        counts[l] += 1
    }

    /// Removes `object` from its list.
    @inline(__always)
    public mutating func remove(_ object: Int) {
        let l = Int(membership[object])
        let n = newer[object]
        let o = older[object]
        if n != Self.end { older[Int(n)] = o } else { heads[l] = o }
        if o != Self.end { newer[Int(o)] = n } else { tails[l] = n }
        membership[object] = Self.none
        counts[l] -= 1
    }

    /// Removes and returns the oldest object of `list`; requires a non-empty list.
    @inline(__always)
    public mutating func popTail(_ list: UInt8) -> Int {
        let object = Int(tails[Int(list)])
        remove(object)
        return object
    }

    /// Moves `object` to the head of `list` (from whichever list holds it).
    @inline(__always)
    public mutating func move(_ object: Int, toHeadOf list: UInt8) {
        if membership[object] == list, heads[Int(list)] == Int32(object) { return }
        remove(object)
        pushHead(object, to: list)
    }

    /// Checks links, membership and counts of every list.
    public func checkInvariants(_ name: String) throws {
        for l in heads.indices {
            var walked = 0
            var cursor = heads[l]
            var previous = Self.end
            while cursor != Self.end {
                let c = Int(cursor)
                guard membership[c] == UInt8(l), walked < counts[l] else {
                    throw InvariantViolation("\(name): list \(l) reaches \(c) outside it or loops")
                }
                guard newer[c] == previous else {
                    throw InvariantViolation("\(name): broken back link at \(c) in list \(l)")
                }
                walked += 1
                previous = cursor
                cursor = older[c]
            }
            let members = membership.reduce(0) { $0 + ($1 == UInt8(l) ? 1 : 0) }
            guard previous == tails[l], walked == counts[l], members == counts[l] else {
                throw InvariantViolation("\(name): list \(l) walked \(walked), count \(counts[l]), members \(members)")
            }
        }
    }
}
