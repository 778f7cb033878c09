import SimCore

/// Follow the prediction ("BlindOracle"; Lykouris and Vassilvitskii, "Competitive caching
/// with machine learned advice", ICML 2018): Belady's rule on predicted next arrivals.
///
/// ```
/// on every request: remember the predicted next arrival of the requested page
/// on miss: while full, evict the resident page whose predicted next arrival is furthest
/// ```
/// With perfect predictions it is OPT; its competitive ratio grows with the prediction
/// error without bound (not robust; Wei 2020 bounds it by min(1 + 2 eta/OPT, ...)).
/// Ties go to the larger object id.
public struct FollowThePredictionPolicy: CachePolicy, EvictionReporting {
    public static let summary =
        "follow the prediction: evicts the page with the furthest predicted next arrival (not robust)"

    public let capacity: Int64
    public private(set) var evictionCount = 0
    public private(set) var lastEvicted = -1
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { residents.count }
    private var residents: FurthestKeyHeap
    private let predictedNext: [Int]

    public init(capacity: Int64, objectCount: Int, predictedNext: [Int]) {
        self.capacity = capacity
        residents = FurthestKeyHeap(objectCount: objectCount)
        self.predictedNext = predictedNext
    }

    public func contains(_ object: Int) -> Bool { residents.contains(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard residents.contains(request.object) else { return false }
        residents.set(request.object, key: predictedNext[request.index])
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        guard let victim = residents.popMax() else { return }
        occupancy -= 1
        evictionCount += 1
        lastEvicted = victim
    }

    public mutating func insert(_ request: CacheRequest) {
        residents.set(request.object, key: predictedNext[request.index])
        occupancy += request.size
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("FTP occupancy \(occupancy) > capacity \(capacity)")
        }
        try residents.checkInvariants("FTP")
        guard Int64(residents.count) == occupancy else {
            throw InvariantViolation("FTP holds \(residents.count), occupancy \(occupancy)")
        }
    }
}
