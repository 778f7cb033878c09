/// One request presented to a cache.
///
/// Objects are identified by dense integer ids `0..<objectCount` (traces are remapped
/// to dense ids when loaded), so policies can keep their metadata in arrays.
public struct CacheRequest: Sendable, Equatable {
    /// Dense object id.
    public var object: Int
    /// Size in the cache's units (1 for unit-size objects).
    public var size: Int64
    /// Position of this request in the trace, counted from 0.
    public var index: Int
    /// Position of the next request for the same object, or `CacheRequest.never`.
    public var nextAccess: Int

    /// `nextAccess` of an object that is never requested again.
    public static let never = Int.max

    @inlinable
    public init(object: Int, size: Int64 = 1, index: Int, nextAccess: Int = CacheRequest.never) {
        self.object = object
        self.size = size
        self.index = index
        self.nextAccess = nextAccess
    }
}

/// A broken internal invariant of a policy (a bug, reported by `checkInvariants`).
public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A cache replacement policy, driven through the one shared access path `access(_:)`.
///
/// A policy implements three primitives and the access path is written once, as in
/// libCacheSim's `cache_get_base`: look the object up; on a miss, if the policy admits the
/// object (by default: it is no larger than the whole cache), evict until it fits, then
/// insert it. An object not admitted is a miss that leaves the cache unchanged.
///
/// Sizes: an object keeps the size it was inserted with; a later request for it with
/// another size is a hit (if it is resident) and changes nothing, as in libCacheSim, whose
/// lookup never updates a resident object's size. Eviction frees the size stored at insertion.
public protocol CachePolicy {
    /// Capacity in size units.
    var capacity: Int64 { get }
    /// Size units currently occupied, never above `capacity` between accesses.
    var occupancy: Int64 { get }
    /// Number of resident objects.
    var residentCount: Int { get }

    /// Whether `object` is resident, without touching the policy's metadata.
    func contains(_ object: Int) -> Bool
    /// Whether the object is resident; on a hit, updates the policy's metadata.
    mutating func lookup(_ request: CacheRequest) -> Bool
    /// Removes one resident object chosen by the policy. Called only when the cache is non-empty.
    mutating func evict(for request: CacheRequest)
    /// Makes the (missing) object resident; the caller has made room for it.
    mutating func insert(_ request: CacheRequest)
    /// Whether a missed request may enter the cache at all, decided before any eviction
    /// (default: its size is at most `capacity`).
    func admits(_ request: CacheRequest) -> Bool
    /// The whole access: returns `true` on a hit. The default is the shared path above; a
    /// policy whose published form orders the steps differently (GDSF inserts, then evicts)
    /// implements its own.
    mutating func access(_ request: CacheRequest) -> Bool
    /// Throws if the policy's bookkeeping is inconsistent (tests call it after every scenario).
    func checkInvariants() throws
    /// Why the run's results are void, if they are: a policy that can fail mid-run (one in an
    /// external process) finishes the trace without its decisions and keeps the error here;
    /// whoever runs the trace throws it instead of reporting results. `nil` by default.
    var failure: (any Error)? { get }
}

extension CachePolicy {
    public var failure: (any Error)? { nil }
}

extension CachePolicy {
    @inlinable
    public func admits(_ request: CacheRequest) -> Bool { request.size <= capacity }

    /// The shared access path. Returns `true` on a hit.
    @inlinable
    public mutating func access(_ request: CacheRequest) -> Bool {
        if lookup(request) { return true }
        guard admits(request) else { return false }
        while occupancy + request.size > capacity, residentCount > 0 {
            evict(for: request)
        }
        insert(request)
        return false
    }
}
