import SimCore

/// CLOCK (second chance; Corbató 1968): FIFO order plus a reference counter of `bits` bits
/// per object (one bit by default: the classic reference bit).
///
/// ```
/// on hit:  the object's counter += 1, up to 2^bits - 1
/// on miss: while full: look at the oldest object; if its counter is above 0, decrease it
///          and move the object to the newest end (another chance), else evict it
///          insert the new object at the newest end with its counter at 0
/// ```
/// Equivalent to a hand sweeping a circular buffer; with one bit it matches libCacheSim's
/// `Clock` on unit-size objects (golden test on the CloudPhysics trace); with more bits it is
/// the n-bit-counter variant (not golden-tested against libCacheSim beyond one bit).
public struct ClockPolicy: Sendable, CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "CLOCK: FIFO with a reference bit (or an n-bit counter) per object (second chance)"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public var occupancy: Int64 { list.bytes }
    public var residentCount: Int { list.count }
    private var list: ObjectList
    private var counters: [UInt8]
    /// The largest counter value, 2^bits - 1.
    private let maxCount: UInt8

    /// `bits` in 1...8 (clamped).
    public init(capacity: Int64, objectCount: Int, bits: Int = 1) {
        self.capacity = capacity
        list = ObjectList(objectCount: objectCount)
        counters = [UInt8](repeating: 0, count: objectCount)
        maxCount = UInt8((1 << min(max(bits, 1), 8)) - 1)
    }

    public func contains(_ object: Int) -> Bool { list.holds(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard list.holds(request.object) else { return false }
        if counters[request.object] < maxCount { counters[request.object] += 1 }
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        while true {
            let oldest = list.tail
            if counters[oldest] > 0 {
                counters[oldest] -= 1
                list.moveToHead(oldest)
            } else {
                list.remove(oldest)
                forgetLog.note(oldest)
                evictionCount += 1
                lastEvicted = oldest
                return
            }
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        list.pushHead(request.object, size: request.size)
        counters[request.object] = 0
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("CLOCK occupancy \(occupancy) > capacity \(capacity)")
        }
        try list.checkInvariants("CLOCK")
    }
}
