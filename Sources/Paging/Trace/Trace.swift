import SimCore

/// A request trace over dense object ids, with the next-request index of every request
/// and, for byte-sized caches, the size of every request.
///
/// Object ids are remapped to `0..<objectCount` in order of first appearance, so policies
/// can index arrays by object. `nextAccess[i]` is the position of the next request for
/// the object requested at `i`, or `CacheRequest.never`; it is computed once, in O(n),
/// and shared by the optimal policy, predictors and metrics.
///
/// Sizes: `sizes` is empty for a unit-size trace (every request has size 1); otherwise
/// `sizes[i]` is request `i`'s object size in bytes (at least 1). An object's size may
/// change between its requests; a cache keeps the size an object was inserted with, as
/// libCacheSim does (`CachePolicy.access`).
public struct Trace: Sendable {
    /// Dense object id of each request.
    public let objects: [Int32]
    /// Position of the next request for the same object, or `CacheRequest.never`.
    public let nextAccess: [Int]
    /// Number of distinct objects (the working set).
    public let objectCount: Int
    /// Size in bytes of each request; empty when every request has size 1.
    public let sizes: [UInt32]
    /// The working set in the trace's size units: `objectCount` for a unit-size trace, else
    /// the sum over distinct objects of the size of each one's first request.
    public let workingSetSize: Int64
    /// The sum of all requests' sizes (`count` for a unit-size trace).
    public let totalSize: Int64
    /// The largest request size (1 for a unit-size trace, 0 for an empty one).
    public let largestSize: Int64

    /// Number of requests.
    public var count: Int { objects.count }
    /// Whether requests carry sizes (`sizes` is not empty).
    public var hasSizes: Bool { !sizes.isEmpty }

    /// Builds a trace from arbitrary object keys, remapping them to dense ids in order of
    /// first appearance.
    public init<Keys: Sequence>(keys: Keys) where Keys.Element: Hashable {
        var dense: [Keys.Element: Int32] = [:]
        var objects: [Int32] = []
        objects.reserveCapacity(keys.underestimatedCount)
        for key in keys {
            if let id = dense[key] {
                objects.append(id)
            } else {
                let id = Int32(dense.count)
                dense[key] = id
                objects.append(id)
            }
        }
        self.init(denseObjects: objects, objectCount: dense.count)
    }

    /// Builds a trace from non-negative integer keys below `keyBound`, remapping them to
    /// dense ids in order of first appearance (an array lookup instead of hashing).
    public init(keys: [Int32], keyBound: Int) {
        var dense = [Int32](repeating: -1, count: keyBound)
        var objects = [Int32](repeating: 0, count: keys.count)
        var distinct: Int32 = 0
        for (i, key) in keys.enumerated() {
            let slot = Int(key)
            if dense[slot] < 0 {
                dense[slot] = distinct
                distinct += 1
            }
            objects[i] = dense[slot]
        }
        self.init(denseObjects: objects, objectCount: Int(distinct))
    }

    /// Builds a trace from ids already dense in `0..<objectCount`, with request sizes (bytes,
    /// each at least 1, one per request) or none (unit size).
    public init(denseObjects objects: [Int32], objectCount: Int, sizes: [UInt32] = []) {
        self.init(
            denseObjects: objects, objectCount: objectCount, sizes: sizes,
            nextAccess: Trace.nextAccessIndices(objects, objectCount: objectCount))
    }

    /// Builds a trace whose next-request indices and size totals are already known (and correct).
    init(
        denseObjects objects: [Int32], objectCount: Int, sizes: [UInt32], nextAccess: [Int],
        sizeTotals: (workingSet: Int64, total: Int64, largest: Int64)
    ) {
        self.objects = objects
        self.objectCount = objectCount
        self.nextAccess = nextAccess
        self.sizes = sizes
        (workingSetSize, totalSize, largestSize) = sizeTotals
    }

    /// Builds a trace whose next-request indices are already known (and correct).
    init(denseObjects objects: [Int32], objectCount: Int, sizes: [UInt32], nextAccess: [Int]) {
        precondition(sizes.isEmpty || sizes.count == objects.count, "one size per request")
        self.objects = objects
        self.objectCount = objectCount
        self.nextAccess = nextAccess
        self.sizes = sizes
        if sizes.isEmpty {
            workingSetSize = Int64(objectCount)
            totalSize = Int64(objects.count)
            largestSize = objects.isEmpty ? 0 : 1
        } else {
            var seen = [Bool](repeating: false, count: objectCount)
            var workingSet: Int64 = 0
            var total: Int64 = 0
            var largest: UInt32 = 0
            for i in objects.indices {
                let size = sizes[i]
                total += Int64(size)
                largest = max(largest, size)
                let object = Int(objects[i])
                if !seen[object] {
                    seen[object] = true
                    workingSet += Int64(size)
                }
            }
            workingSetSize = workingSet
            totalSize = total
            largestSize = Int64(largest)
        }
    }

    /// The same requests as unit-size objects (sizes dropped).
    public var unitSized: Trace {
        hasSizes
            ? Trace(denseObjects: objects, objectCount: objectCount, sizes: [], nextAccess: nextAccess) : self
    }

    /// For each position, the next position holding the same object (backward scan, O(n)).
    static func nextAccessIndices(_ objects: [Int32], objectCount: Int) -> [Int] {
        var next = [Int](repeating: CacheRequest.never, count: objects.count)
        var seenAt = [Int](repeating: CacheRequest.never, count: objectCount)
        for i in stride(from: objects.count - 1, through: 0, by: -1) {
            let object = Int(objects[i])
            next[i] = seenAt[object]
            seenAt[object] = i
        }
        return next
    }

    /// The request at position `i`, with its size (1 for a unit-size trace).
    @inlinable
    public func request(at i: Int) -> CacheRequest {
        CacheRequest(
            object: Int(objects[i]), size: sizes.isEmpty ? 1 : Int64(sizes[i]), index: i, nextAccess: nextAccess[i])
    }

    /// The size of request `i` (1 for a unit-size trace).
    @inlinable
    public func size(at i: Int) -> Int64 { sizes.isEmpty ? 1 : Int64(sizes[i]) }
}
