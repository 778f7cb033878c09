import CachePolicies
import SimCore

/// Random replacement: evict a resident object chosen uniformly at random
/// (k-competitive against an oblivious adversary; Raghavan and Snir 1989).
///
/// ```
/// on hit:  nothing
/// on miss: while full, evict a uniformly random resident object; insert the object
/// ```
/// Residents sit in an array with each object's position, so a draw and a removal are
/// O(1). Randomness comes from the run's `policy` stream.
public struct RandomPolicy: CachePolicy, StreamablePolicy {
    public static let summary = "random: evicts a uniformly random resident object (seeded)"
    static let absent: Int32 = -1

    public let capacity: Int64
    public var forgetLog = ForgetLog()
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { residents.count }
    private var residents: [Int] = []
    private var position: [Int32]
    private var random: RandomSource

    public init(capacity: Int64, objectCount: Int, random: RandomSource) {
        self.capacity = capacity
        position = [Int32](repeating: Self.absent, count: objectCount)
        self.random = random
    }

    public func contains(_ object: Int) -> Bool { position[object] != Self.absent }

    public mutating func lookup(_ request: CacheRequest) -> Bool { position[request.object] != Self.absent }

    public mutating func evict(for request: CacheRequest) {
        let slot = random.nextInt(below: residents.count)
        let victim = residents[slot]
        let last = residents.removeLast()
        if last != victim {
            residents[slot] = last
            position[last] = Int32(slot)
        }
        position[victim] = Self.absent
        occupancy -= 1
        forgetLog.note(victim)
    }

    public mutating func insert(_ request: CacheRequest) {
        position[request.object] = Int32(residents.count)
        residents.append(request.object)
        occupancy += request.size
    }

    public static func trackedBound(capacity: Int64) -> Int { Int(capacity) }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("Random occupancy \(occupancy) > capacity \(capacity)")
        }
        for (i, object) in residents.enumerated() where position[object] != Int32(i) {
            throw InvariantViolation("Random: slot \(i) holds \(object) at recorded position \(position[object])")
        }
        let recorded = position.reduce(0) { $0 + ($1 != Self.absent ? 1 : 0) }
        guard recorded == residents.count, Int64(residents.count) == occupancy else {
            throw InvariantViolation("Random holds \(residents.count), recorded \(recorded), occupancy \(occupancy)")
        }
    }
}
