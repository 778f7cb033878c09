import SimCore

/// Thompson sampling for Bernoulli rewards with Beta(1, 1) priors (Thompson 1933; Agrawal
/// and Goyal, "Analysis of Thompson Sampling for the Multi-armed Bandit Problem", COLT
/// 2012): sample p_a ~ Beta(1 + successes, 1 + failures) and play the argmax. Context-free;
/// a reward r in [0, 1] counts as r successes and 1 - r failures.
public struct BetaBernoulliThompsonPolicy: ScoringBanditPolicy {
    public let arms: Int
    public private(set) var successes: [Double]
    public private(set) var failures: [Double]

    public init(arms: Int) {
        self.arms = arms
        successes = [Double](repeating: 0, count: arms)
        failures = successes
    }

    public func scores(context: [Double], random: inout RandomSource) -> [Double] {
        (0..<arms).map { random.beta(a: 1 + successes[$0], b: 1 + failures[$0]) }
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        successes[arm] += reward
        failures[arm] += 1 - reward
    }
}
