import SimCore

/// FIFO: evict the object that entered the cache earliest; hits change nothing.
///
/// ```
/// on hit:  nothing
/// on miss: while full, evict the oldest insertion; append the object
/// ```
/// The queue is a ring buffer of object ids.
public struct FIFOPolicy: Sendable, CachePolicy, StreamablePolicy, EvictionReporting {
    public static let summary = "first in, first out: evicts the earliest inserted object"

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { queue.count }
    private var queue: RingBuffer
    private var resident: [Bool]
    private var sizes: [Int64]

    public init(capacity: Int64, objectCount: Int) {
        self.capacity = capacity
        self.queue = RingBuffer(capacity: Int(min(capacity, Int64(objectCount))) + 1)
        self.resident = [Bool](repeating: false, count: objectCount)
        self.sizes = [Int64](repeating: 0, count: objectCount)
    }

    public func contains(_ object: Int) -> Bool { resident[object] }

    public mutating func lookup(_ request: CacheRequest) -> Bool { resident[request.object] }

    public mutating func evict(for request: CacheRequest) {
        let victim = queue.popFirst()
        resident[victim] = false
        occupancy -= sizes[victim]
        forgetLog.note(victim)
        evictionCount += 1
        lastEvicted = victim
    }

    public mutating func insert(_ request: CacheRequest) {
        queue.append(request.object)
        resident[request.object] = true
        sizes[request.object] = request.size
        occupancy += request.size
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("FIFO occupancy \(occupancy) > capacity \(capacity)")
        }
        let residentTotal = resident.reduce(0) { $0 + ($1 ? 1 : 0) }
        let held = resident.indices.reduce(Int64(0)) { $0 + (resident[$1] ? sizes[$1] : 0) }
        guard residentTotal == queue.count, held == occupancy else {
            throw InvariantViolation(
                "FIFO queue holds \(queue.count), \(residentTotal) marked resident (\(held) size units), occupancy \(occupancy)"
            )
        }
    }
}

/// A fixed-capacity FIFO queue of object ids.
struct RingBuffer {
    private var storage: [Int]
    private var head = 0
    private(set) var count = 0

    init(capacity: Int) { storage = [Int](repeating: 0, count: max(1, capacity)) }

    mutating func append(_ value: Int) {
        precondition(count < storage.count, "ring buffer overflow")
        storage[(head + count) % storage.count] = value
        count += 1
    }

    mutating func popFirst() -> Int {
        precondition(count > 0, "ring buffer underflow")
        let value = storage[head]
        head = (head + 1) % storage.count
        count -= 1
        return value
    }
}
