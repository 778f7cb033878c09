import SimCore

/// CLOCK (second chance; Corbató 1968): FIFO order plus one reference bit per object.
///
/// ```
/// on hit:  set the object's reference bit
/// on miss: while full: look at the oldest object; if its bit is set, clear it and move
///          it to the newest end (a second chance), else evict it
///          insert the new object at the newest end with its bit clear
/// ```
/// Equivalent to a hand sweeping a circular buffer; it matches libCacheSim's `Clock`
/// with one bit on unit-size objects (golden test on the CloudPhysics trace).
public struct ClockPolicy: Sendable, CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "CLOCK: FIFO with one reference bit per object (second chance)"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { list.count }
    private var list: ObjectList
    private var referenced: [Bool]

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        list = ObjectList(objectCount: objectCount)
        referenced = [Bool](repeating: false, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { list.contains[object] }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard list.contains[request.object] else { return false }
        referenced[request.object] = true
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        while true {
            let oldest = list.tail
            if referenced[oldest] {
                referenced[oldest] = false
                list.moveToHead(oldest)
            } else {
                list.remove(oldest)
                occupancy -= 1
                forgetLog.note(oldest)
                evictionCount += 1
                lastEvicted = oldest
                return
            }
        }
    }

    public mutating func insert(_ request: CacheRequest) {
        list.pushHead(request.object)
        referenced[request.object] = false
        occupancy += request.size
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("CLOCK occupancy \(occupancy) > capacity \(capacity)")
        }
        try list.checkInvariants("CLOCK")
        guard Int64(list.count) == occupancy else {
            throw InvariantViolation("CLOCK holds \(list.count), occupancy \(occupancy)")
        }
    }
}
