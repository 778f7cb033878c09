import Foundation
import SimCore

/// Predictive Marker (Lykouris and Vassilvitskii, "Competitive caching with machine
/// learned advice", ICML 2018 / J. ACM 2021): a marking algorithm that evicts by predicted
/// next arrival, and falls back to random eviction along long chains of stale misses.
///
/// ```
/// phases as in marking; S = the pages cached when the phase began
/// on every request: remember the page's predicted next arrival; mark it
/// on a miss of p (cache full):
///     p not in S (clean): start a chain of length 1; evict the unmarked page with the
///                         furthest predicted next arrival
///     p in S (stale; p was evicted in this phase by chain c): length(c) += 1;
///                         evict as above if length(c) <= H_k, else a uniformly random unmarked page
///     the evicted page becomes chain c's representative
/// ```
/// Guarantee: competitive ratio at most min(2 + 2 sqrt(5 eta / OPT), 4 H_k) with eta the
/// L1 error of the predictions (the paper's Theorem 3.3, arXiv version); with perfect
/// predictions it pays exactly the number of clean pages. Randomness from the `policy` stream.
public struct PredictiveMarkerPolicy: CachePolicy {
    public static let summary =
        "Predictive Marker (Lykouris and Vassilvitskii 2018): marking with predicted evictions and random fallback"

    public let capacity: Int64
    public private(set) var occupancy: Int64 = 0
    public var residentCount: Int { marking.residentCount }
    private var marking: MarkingPhases
    /// The unmarked resident pages keyed by their predicted next arrival.
    private var unmarkedByPrediction: FurthestKeyHeap
    private var prediction: [Int]
    /// Phase in which each page was cached at the phase start (membership of S).
    private var inPhaseStartCache: [Int]
    /// Chain of which each page evicted in this phase is the representative.
    private var chainOf: [Int]
    private var chainPhase: [Int]
    private var chainLength: [Int] = []
    private let harmonic: Double
    private let predictedNext: [Int]
    private var random: RandomSource

    /// H(n) = 1 + 1/2 + ... + 1/n: summed exactly up to 10^6 terms, beyond by its asymptotic
    /// expansion ln n + γ + 1/(2n) - 1/(12n²) (error below 1e-25 there), so that a cache of
    /// billions of slots is built at once.
    static func harmonicNumber(_ n: Int64) -> Double {
        guard n > 1_000_000 else { return (1...max(1, Int(n))).reduce(0.0) { $0 + 1 / Double($1) } }
        let x = Double(n)
        return log(x) + 0.577_215_664_901_532_9 + 1 / (2 * x) - 1 / (12 * x * x)
    }

    public init(capacity: Int64, objectCount: Int, predictedNext: [Int], random: RandomSource) {
        self.capacity = capacity
        marking = MarkingPhases(objectCount: objectCount)
        unmarkedByPrediction = FurthestKeyHeap(objectCount: objectCount)
        prediction = [Int](repeating: 0, count: objectCount)
        inPhaseStartCache = [Int](repeating: -1, count: objectCount)
        chainOf = [Int](repeating: -1, count: objectCount)
        chainPhase = [Int](repeating: -1, count: objectCount)
        harmonic = Self.harmonicNumber(max(1, capacity))
        self.predictedNext = predictedNext
        self.random = random
    }

    public func contains(_ object: Int) -> Bool { marking.isResident(object) }

    public mutating func lookup(_ request: CacheRequest) -> Bool {
        guard marking.isResident(request.object) else { return false }
        prediction[request.object] = predictedNext[request.index]
        marking.mark(request.object)
        unmarkedByPrediction.remove(request.object)
        return true
    }

    public mutating func evict(for request: CacheRequest) {
        if marking.startPhaseIfAllMarked() {
            for page in marking.pools[0] {
                unmarkedByPrediction.set(page, key: prediction[page])
                inPhaseStartCache[page] = marking.phase
            }
            chainLength.removeAll(keepingCapacity: true)
        }
        let p = request.object
        let chain: Int
        var followPrediction = true
        if inPhaseStartCache[p] == marking.phase && chainPhase[p] == marking.phase {
            chain = chainOf[p]
            chainLength[chain] += 1
            followPrediction = Double(chainLength[chain]) <= harmonic
        } else {
            chain = chainLength.count
            chainLength.append(1)
        }
        let victim: Int
        if followPrediction, let furthest = unmarkedByPrediction.popMax() {
            victim = furthest
        } else {
            victim = marking.randomUnmarked(using: &random)
            unmarkedByPrediction.remove(victim)
        }
        marking.evictUnmarked(victim)
        chainOf[victim] = chain
        chainPhase[victim] = marking.phase
        occupancy -= 1
    }

    public mutating func insert(_ request: CacheRequest) {
        prediction[request.object] = predictedNext[request.index]
        marking.insertMarked(request.object)
        occupancy += request.size
    }

    public func checkInvariants() throws {
        guard occupancy <= capacity else {
            throw InvariantViolation("Predictive Marker occupancy \(occupancy) > capacity \(capacity)")
        }
        try marking.checkInvariants("Predictive Marker")
        try unmarkedByPrediction.checkInvariants("Predictive Marker unmarked heap")
        guard unmarkedByPrediction.count == marking.unmarkedCount,
            marking.pools[0].allSatisfy(unmarkedByPrediction.contains)
        else {
            throw InvariantViolation(
                "Predictive Marker: heap holds \(unmarkedByPrediction.count), \(marking.unmarkedCount) unmarked")
        }
        guard Int64(marking.residentCount) == occupancy else {
            throw InvariantViolation("Predictive Marker holds \(marking.residentCount), occupancy \(occupancy)")
        }
    }
}
