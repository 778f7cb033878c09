import SimCore

/// Chooses the adapter that serves a request, and learns from the reward it then observes.
public protocol AdapterRouter: Sendable {
    /// The adapter for `context`. `penalties`, when given, is the paging cost of each adapter
    /// (0 if resident) that a cache-aware router subtracts from its index before the argmax;
    /// `utilities` are the true expected rewards, read only by the oracle.
    mutating func route(context: [Double], utilities: [Double], penalties: [Double]?, random: inout RandomSource) -> Int
    /// Optimistic value of every adapter for `context`, for cache planning.
    mutating func planningScores(context: [Double], utilities: [Double], random: inout RandomSource) -> [Double]
    /// The reward observed for serving `context` with `adapter`.
    mutating func observe(adapter: Int, context: [Double], reward: Double)
}

/// A router over a scoring bandit (LinUCB, linear Thompson, UCB1, Beta-Bernoulli Thompson):
/// cache-aware routing is the argmax of index minus penalty.
public struct ScoringBanditRouter<Policy: ScoringBanditPolicy>: AdapterRouter {
    public var policy: Policy
    /// Clamp rewards to [0, 1] before learning (policies defined for bounded rewards).
    public let clampsRewards: Bool

    public init(_ policy: Policy, clampsRewards: Bool) {
        self.policy = policy
        self.clampsRewards = clampsRewards
    }

    public mutating func route(context: [Double], utilities: [Double], penalties: [Double]?, random: inout RandomSource)
        -> Int
    {
        guard let penalties else { return policy.choose(context: context, random: &random) }
        var scores = policy.scores(context: context, random: &random)
        for a in scores.indices { scores[a] -= penalties[a] }
        return argmax(scores)
    }

    public mutating func planningScores(context: [Double], utilities: [Double], random: inout RandomSource) -> [Double]
    {
        policy.scores(context: context, random: &random)
    }

    public mutating func observe(adapter: Int, context: [Double], reward: Double) {
        policy.update(arm: adapter, context: context, reward: clampsRewards ? min(max(reward, 0), 1) : reward)
    }
}

/// A router over a bandit without per-arm indices (epsilon-greedy, EXP3): it cannot weigh
/// paging costs, so it routes as the policy chooses; for planning, the adapter it would
/// choose scores 1 and the others 0.
public struct ChoosingBanditRouter<Policy: BanditPolicy>: AdapterRouter {
    public var policy: Policy
    public let clampsRewards: Bool

    public init(_ policy: Policy, clampsRewards: Bool) {
        self.policy = policy
        self.clampsRewards = clampsRewards
    }

    public mutating func route(context: [Double], utilities: [Double], penalties: [Double]?, random: inout RandomSource)
        -> Int
    {
        policy.choose(context: context, random: &random)
    }

    public mutating func planningScores(context: [Double], utilities: [Double], random: inout RandomSource) -> [Double]
    {
        var scores = [Double](repeating: 0, count: policy.arms)
        scores[policy.choose(context: context, random: &random)] = 1
        return scores
    }

    public mutating func observe(adapter: Int, context: [Double], reward: Double) {
        policy.update(arm: adapter, context: context, reward: clampsRewards ? min(max(reward, 0), 1) : reward)
    }
}

/// The oracle router: it knows every adapter's true utility and takes the best net of paging.
public struct OracleAdapterRouter: AdapterRouter {
    public init() {}

    public func route(context: [Double], utilities: [Double], penalties: [Double]?, random: inout RandomSource) -> Int {
        guard let penalties else { return argmax(utilities) }
        var best = 0
        for a in utilities.indices where utilities[a] - penalties[a] > utilities[best] - penalties[best] { best = a }
        return best
    }

    public func planningScores(context: [Double], utilities: [Double], random: inout RandomSource) -> [Double] {
        utilities
    }

    public func observe(adapter: Int, context: [Double], reward: Double) {}
}
