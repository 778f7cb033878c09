/// POLAR's fixed-epoch cache control (Li and Li, "POLAR: Online Learning for LoRA Adapter
/// Caching and Routing in Edge LLM Serving", arXiv:2604.16583, 2026), paired with the
/// cache-aware router: the resident set changes only at epoch boundaries, every `epoch`
/// rounds, and within an epoch a miss is paged in for its request only.
///
/// At a boundary the controller scores the last epoch's requests (at most `sample`) with the
/// router's optimistic indices and keeps the set that maximises their routing value
/// (`CoverageSelection`, paging costs of non-resident service included, switching cost not).
/// The paper's text beyond its abstract was not available to me: the epoch rule and the
/// selection objective are my reading of "a cache-aware LinUCB router with an epoch-based
/// cache controller", not its pseudocode.
public struct POLARController: AdapterCacheController {
    public static let summary =
        "POLAR: fixed epochs; at each boundary keep the set of best optimistic routing value on the last epoch's requests"

    public let epoch: Int
    public let sample: Int

    public init(epoch: Int, sample: Int) {
        self.epoch = epoch
        self.sample = sample
    }

    public func planningSample(at round: Int) -> Int? {
        round % epoch == 0 ? min(sample, round == 0 ? 0 : epoch) : nil
    }

    public func plan(_ input: CachePlanningInput) -> [Int] {
        guard !input.scores.isEmpty else { return input.cache.members }
        let selection = CoverageSelection(
            scores: input.scores, pagingCosts: input.pagingCosts,
            switchCosts: [Double](repeating: 0, count: input.pagingCosts.count), weight: 1)
        return selection.select(cache: input.cache)
    }
}
