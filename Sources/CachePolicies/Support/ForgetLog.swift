import SimCore

/// The objects a policy has stopped tracking (evicted and not remembered as a ghost),
/// recorded only when `isRecording`: what lets `StreamingTraceSimulation` recycle object slots so
/// that memory follows the cache, not the trace.
public struct ForgetLog: Sendable {
    /// Whether `note` records anything (off by default: in-memory simulations pay one branch).
    public var isRecording = false
    private var forgotten: [Int] = []

    public init() {}

    /// Records that the policy no longer holds any metadata on `object`.
    @inline(__always)
    public mutating func note(_ object: Int) {
        if isRecording { forgotten.append(object) }
    }

    /// Calls `body` with every object forgotten since the last drain, then empties the log.
    public mutating func drain(_ body: (Int) -> Void) {
        for object in forgotten { body(object) }
        forgotten.removeAll(keepingCapacity: true)
    }
}

/// An online policy whose tracked objects (resident or ghost) never exceed a bound in
/// its capacity, and which logs every object it stops tracking.
///
/// Contract: after `forgetLog` reports an object, the policy holds no state about it that
/// it will read again before the object is next inserted (insertion re-initialises it),
/// so the object's dense id may be reused for another object.
public protocol StreamablePolicy: CachePolicy {
    /// The most objects tracked at once (resident or ghost) with this capacity.
    static func trackedBound(capacity: Int64) -> Int
    var forgetLog: ForgetLog { get set }
}
