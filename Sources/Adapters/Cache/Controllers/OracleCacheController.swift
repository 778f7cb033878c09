/// The reference the regret is measured against: it knows every request's true utilities in
/// advance and, at the start of each segment of the run (the whole run without drift, each
/// phase of a switching population, `segments` equal parts under gradual drift), loads the
/// set of best routing value on that segment's requests (`CoverageSelection` on true
/// utilities, switching costs counted), then routes each request to the adapter of highest
/// utility net of paging. Misses within a segment are paged in for their request only.
///
/// The set is the greedy-plus-swap optimum, exact for K = 1 and within 1 - 1/e otherwise, so
/// a learner can in principle beat it by a little.
public struct OracleCacheController: AdapterCacheController {
    public static let summary = "knows the true utilities; the best set per drift segment (the regret reference)"

    /// The first round of every segment, ascending, starting at 0.
    public let segmentStarts: [Int]
    /// Each segment's set, planned in advance.
    private let sets: [[Int]]
    private var next = 0

    public init(segmentStarts: [Int], sets: [[Int]]) {
        self.segmentStarts = segmentStarts
        self.sets = sets
    }

    /// - Precondition: `segmentStarts` ascending without repeats (the model deduplicates them).
    public mutating func planningSample(at round: Int) -> Int? {
        guard next < segmentStarts.count, round == segmentStarts[next] else { return nil }
        return 0
    }

    public mutating func plan(_ input: CachePlanningInput) -> [Int] {
        defer { next += 1 }
        return sets[next]
    }
}
