import SimCore

/// Several doubly linked lists of dense object ids that share one array of nodes, for
/// policies whose objects sit in at most one of several queues at a time (ARC's T1, T2,
/// B1, B2; 2Q's A1in, Am, A1out; ...). Each list has a head (newest end) and a tail
/// (oldest end); `list(of:)` says which list holds an object, or `none`.
///
/// An object's node holds its two 32-bit links, its list and its size side by side, so a
/// request touches one cache line per object instead of one per array.
///
/// Sizes: each object has a size (1 until `setSize` says otherwise) and each list keeps the
/// total size of its members (`bytes(_:)`), for policies whose queues are bounded in bytes.
///
/// - Complexity: every operation is O(1) except `checkInvariants`, O(n).
public struct PartitionedObjectLists: Sendable {
    public static let end: Int32 = -1
    /// The list index of an object that is in no list.
    public static let none: UInt8 = .max

    private struct Node: Sendable {
        var newer: Int32 = PartitionedObjectLists.end
        var older: Int32 = PartitionedObjectLists.end
        var size: Int64 = 1
        var list: UInt8 = PartitionedObjectLists.none
    }

    /// One list's ends, member count and total size.
    private struct Ends: Sendable {
        var head: Int32 = PartitionedObjectLists.end
        var tail: Int32 = PartitionedObjectLists.end
        var count = 0
        var bytes: Int64 = 0
    }

    private var nodes: [Node]
    private var ends: [Ends]

    public init(lists: Int, objectCount: Int) {
        precondition(lists < Int(Self.none), "too many lists")
        nodes = [Node](repeating: Node(), count: objectCount)
        ends = [Ends](repeating: Ends(), count: lists)
    }

    /// The list holding `object`, or `none`.
    @inline(__always)
    public func list(of object: Int) -> UInt8 { nodes[object].list }

    @inline(__always)
    public func count(_ list: UInt8) -> Int { ends[Int(list)].count }

    /// The total size of `list`'s members.
    @inline(__always)
    public func bytes(_ list: UInt8) -> Int64 { ends[Int(list)].bytes }

    /// The size of `object` (kept while it moves between lists).
    @inline(__always)
    public func size(of object: Int) -> Int64 { nodes[object].size }

    /// Sets the size of `object`, which must be in no list.
    @inline(__always)
    public mutating func setSize(_ object: Int, _ size: Int64) {
        precondition(nodes[object].list == Self.none, "size of an object in a list")
        nodes[object].size = size
    }

    /// The oldest object of `list`; requires a non-empty list.
    @inline(__always)
    public func tail(_ list: UInt8) -> Int { Int(ends[Int(list)].tail) }

    /// Inserts `object` (in no list) at the head of `list`.
    @inline(__always)
    public mutating func pushHead(_ object: Int, to list: UInt8) {
        let l = Int(list)
        var e = ends[l]
        nodes[object].older = e.head
        nodes[object].newer = Self.end
        nodes[object].list = list
        if e.head != Self.end { nodes[Int(e.head)].newer = Int32(object) } else { e.tail = Int32(object) }
        e.head = Int32(object)
        e.count += 1
        e.bytes += nodes[object].size
        ends[l] = e
    }

    /// Inserts `object` (in no list) at the head of `list`, whose members may total at most
    /// `limit` (one of libCacheSim's sub-caches, bounded in bytes): its oldest (tail)
    /// members leave until `object` fits, each noted in `forgotten`; an object larger than
    /// `limit` is not inserted and is noted itself. Returns whether it was inserted.
    @discardableResult
    public mutating func pushHead(
        _ object: Int, to list: UInt8, within limit: Int64, forgetting forgotten: inout ForgetLog
    ) -> Bool {
        let size = nodes[object].size
        guard size <= limit else {
            forgotten.note(object)
            return false
        }
        while ends[Int(list)].bytes + size > limit { forgotten.note(popTail(list)) }
        pushHead(object, to: list)
        return true
    }

    /// Removes `object` from its list.
    @inline(__always)
    public mutating func remove(_ object: Int) {
        let node = nodes[object]
        let l = Int(node.list)
        var e = ends[l]
        if node.newer != Self.end { nodes[Int(node.newer)].older = node.older } else { e.head = node.older }
        if node.older != Self.end { nodes[Int(node.older)].newer = node.newer } else { e.tail = node.newer }
        nodes[object].list = Self.none
        e.count -= 1
        e.bytes -= node.size
        ends[l] = e
    }

    /// Removes and returns the oldest object of `list`; requires a non-empty list.
    @inline(__always)
    public mutating func popTail(_ list: UInt8) -> Int {
        let object = Int(ends[Int(list)].tail)
        remove(object)
        return object
    }

    /// Moves `object` to the head of `list` (from whichever list holds it).
    @inline(__always)
    public mutating func move(_ object: Int, toHeadOf list: UInt8) {
        if nodes[object].list == list, ends[Int(list)].head == Int32(object) { return }
        remove(object)
        pushHead(object, to: list)
    }

    /// Checks links, membership, counts and sizes of every list.
    public func checkInvariants(_ name: String) throws {
        for l in ends.indices {
            let e = ends[l]
            var walked = 0
            var cursor = e.head
            var previous = Self.end
            while cursor != Self.end {
                let c = Int(cursor)
                guard nodes[c].list == UInt8(l), walked < e.count else {
                    throw InvariantViolation("\(name): list \(l) reaches \(c) outside it or loops")
                }
                guard nodes[c].newer == previous else {
                    throw InvariantViolation("\(name): broken back link at \(c) in list \(l)")
                }
                walked += 1
                previous = cursor
                cursor = nodes[c].older
            }
            let members = nodes.reduce(0) { $0 + ($1.list == UInt8(l) ? 1 : 0) }
            guard previous == e.tail, walked == e.count, members == e.count else {
                throw InvariantViolation("\(name): list \(l) walked \(walked), count \(e.count), members \(members)")
            }
            let total = nodes.reduce(Int64(0)) { $0 + ($1.list == UInt8(l) ? $1.size : 0) }
            guard total == e.bytes else {
                throw InvariantViolation("\(name): list \(l) holds \(total) size units, counted \(e.bytes)")
            }
        }
    }
}
