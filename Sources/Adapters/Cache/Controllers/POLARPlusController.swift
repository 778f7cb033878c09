import Foundation

/// POLAR+ (Li and Li, arXiv:2604.16583, 2026): POLAR with doubling epochs, forced
/// exploration and switching-aware cache optimisation, for which the paper proves
/// O~(d sqrt(NT) + sqrt(KT)) regret under its regularity conditions.
///
/// ```
/// epoch j covers rounds [e0 (2^j - 1), e0 (2^(j+1) - 1)), n_j = e0 2^j rounds
/// forced exploration: ceil(rho sqrt(n_j)) rounds of epoch j, evenly spaced, are served by
///     the adapter observed least so far (ties: lowest index), resident or not
/// boundary: keep the set maximising n_j / |sample| x (routing value of the last epoch's
///     requests) - paging cost of the adapters it must load  (CoverageSelection)
/// ```
/// Forced exploration gives every adapter feedback at a cost that grows like sqrt(T), so an
/// adapter the cache never held can still be learnt; weighing the switching cost against a
/// whole epoch's gain stops the set from churning on noise. As for `POLARController`, the
/// schedule and objective are my construction from the paper's abstract.
public struct POLARPlusController: AdapterCacheController {
    public static let summary =
        "POLAR+: doubling epochs, forced exploration of the least-observed adapter (ceil(rho sqrt(n_j)) per epoch), switching-aware selection"

    public let firstEpoch: Int
    public let exploration: Double
    public let sample: Int
    private var observations: [Int]
    private var epochStart = 0
    private var epochLength: Int
    private var forcedEvery = Int.max
    private var forcedLeft = 0

    public init(adapters: Int, firstEpoch: Int, exploration: Double, sample: Int) {
        self.firstEpoch = firstEpoch
        self.exploration = exploration
        self.sample = sample
        observations = [Int](repeating: 0, count: adapters)
        epochLength = firstEpoch
        startEpoch(at: 0, length: firstEpoch)
    }

    private mutating func startEpoch(at round: Int, length: Int) {
        epochStart = round
        epochLength = length
        let forced = exploration > 0 ? Int((exploration * Double(length).squareRoot()).rounded(.up)) : 0
        forcedLeft = min(forced, length)
        forcedEvery = forcedLeft > 0 ? max(1, length / forcedLeft) : Int.max
    }

    public mutating func planningSample(at round: Int) -> Int? {
        if round == 0 { return 0 }
        guard round == epochStart + epochLength else { return nil }
        let previous = epochLength
        startEpoch(at: round, length: previous * 2)
        return min(sample, previous)
    }

    public func plan(_ input: CachePlanningInput) -> [Int] {
        guard !input.scores.isEmpty else { return input.cache.members }
        let switching = input.pagingCosts.indices.map { input.cache.resident[$0] ? 0 : input.pagingCosts[$0] }
        let selection = CoverageSelection(
            scores: input.scores, pagingCosts: input.pagingCosts, switchCosts: switching,
            weight: Double(epochLength) / Double(input.scores.count))
        return selection.select(cache: input.cache)
    }

    public mutating func forcedAdapter(at round: Int) -> Int? {
        let offset = round - epochStart
        guard forcedLeft > 0, offset % forcedEvery == 0 else { return nil }
        forcedLeft -= 1
        var pick = 0
        for a in observations.indices where observations[a] < observations[pick] { pick = a }
        return pick
    }

    public mutating func served(adapter: Int, round: Int) { observations[adapter] += 1 }
}
