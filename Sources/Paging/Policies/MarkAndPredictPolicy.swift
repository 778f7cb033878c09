import SimCore

/// Mark&Predict (Antoniadis, Boyar, Eliáš, Favrholdt, Hoeksma, Larsen, Polak and Simon,
/// "Paging with Succinct Predictions", ICML 2023): randomized marking that uses one bit
/// per request, 1 meaning "this page is requested again in the next k-phase".
///
/// ```
/// phases and marks as in marking; a page's bit is that of its latest request (for an
/// unmarked page, a request of the previous phase, so the bit predicts this phase)
/// on miss (cache full): if no page is unmarked, unmark all (a new phase); evict a
///     uniformly random unmarked page with bit 0, or, if there is none, a uniformly
///     random unmarked page
/// ```
/// With correct bits it pays exactly the number of clean pages (at most 2 OPT); it is
/// (2, H_k, 1)-competitive in the wrong bits and, being a marking algorithm that picks
/// uniformly, O(log k)-robust. Randomness from the `policy` stream.
public struct MarkAndPredictPolicy: CachePolicy {
    public static let summary =
        "Mark&Predict (Antoniadis et al. 2023): randomized marking preferring pages predicted absent next phase"

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { marking.residentCount }
    /// Pool 0: unmarked pages predicted absent from this phase; pool 1: predicted present.
    private var marking: MarkingPhases
    private let bits: [Bool]
    private var random: RandomSource

    public init(capacity: Int64, objectCount: Int, bits: [Bool], random: RandomSource) {
        self.capacity = capacity
        marking = MarkingPhases(objectCount: objectCount, classes: 2)
        self.bits = bits
        self.random = random
    }

    public func contains(_ object: Int) -> Bool { marking.isResident(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard marking.isResident(request.object) else { return false }
        marking.mark(request.object)
        marking.setClass(request.object, bits[request.index] ? 1 : 0)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        marking.startPhaseIfAllMarked()
        let pool = marking.pools[0].isEmpty ? 1 : 0
        marking.evictUnmarked(marking.randomUnmarked(inClass: pool, using: &random))
        occupancy -= 1
    }

    public mutating func insert(_ request: CacheRequest) {
        marking.setClass(request.object, bits[request.index] ? 1 : 0)
        marking.insertMarked(request.object)
        occupancy += request.size
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("Mark&Predict occupancy \(occupancy) > capacity \(capacity)")
        }
        try marking.checkInvariants("Mark&Predict")
        guard Int64(marking.residentCount) == occupancy else {
            throw InvariantViolation("Mark&Predict holds \(marking.residentCount), occupancy \(occupancy)")
        }
    }
}
