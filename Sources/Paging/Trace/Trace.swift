import SimCore

/// A request trace over dense object ids, with the next-request index of every request.
///
/// Object ids are remapped to `0..<objectCount` in order of first appearance, so policies
/// can index arrays by object. `nextAccess[i]` is the position of the next request for
/// the object requested at `i`, or `CacheRequest.never`; it is computed once, in O(n),
/// and shared by the optimal policy, predictors and metrics.
public struct Trace: Sendable {
    /// Dense object id of each request.
    public let objects: [Int32]
    /// Position of the next request for the same object, or `CacheRequest.never`.
    public let nextAccess: [Int]
    /// Number of distinct objects (the working set).
    public let objectCount: Int

    /// Number of requests.
    public var count: Int { objects.count }

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

    /// Builds a trace from ids already dense in `0..<objectCount`.
    public init(denseObjects objects: [Int32], objectCount: Int) {
        self.objects = objects
        self.objectCount = objectCount
        self.nextAccess = Trace.nextAccessIndices(objects, objectCount: objectCount)
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

    /// The request at position `i`, unit size.
    @inlinable
    public func request(at i: Int) -> CacheRequest {
        CacheRequest(object: Int(objects[i]), size: 1, index: i, nextAccess: nextAccess[i])
    }
}
