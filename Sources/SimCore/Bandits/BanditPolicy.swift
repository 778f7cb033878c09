/// A (contextual) multi-armed bandit: at each round it sees a context vector, chooses one
/// of `arms` arms, and then learns the reward of the arm it chose (bandit feedback).
///
/// Shared by the models that route or sample (LoRA adapter routing, streaming bandits,
/// replay); context-free policies ignore the context. `choose` may draw from the random
/// source it is given, which the caller splits from the run's seed, so a policy is a pure
/// function of its inputs and that source.
public protocol BanditPolicy: Sendable {
    /// Number of arms, indexed 0..<arms.
    var arms: Int { get }
    /// The arm to play for `context` (ignored by context-free policies).
    mutating func choose(context: [Double], random: inout RandomSource) -> Int
    /// The reward of playing `arm` in `context`.
    mutating func update(arm: Int, context: [Double], reward: Double)
}

/// A policy that can rank every arm by its current index (UCB value, sampled mean, ...),
/// so callers can add their own costs before choosing (cache-aware routing).
public protocol ScoringBanditPolicy: BanditPolicy {
    /// The score of every arm for `context`, higher is better; `choose` plays the argmax.
    mutating func scores(context: [Double], random: inout RandomSource) -> [Double]
}

extension ScoringBanditPolicy {
    public mutating func choose(context: [Double], random: inout RandomSource) -> Int {
        argmax(scores(context: context, random: &random))
    }
}

/// The index of the largest value, the lowest index among equals; 0 for an empty array.
public func argmax(_ values: [Double]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}
