import Foundation
import SimCore

/// EXP3 for adversarial rewards in [0, 1] (Auer, Cesa-Bianchi, Freund and Schapire, "The
/// Nonstochastic Multiarmed Bandit Problem", SIAM J. Computing 2002):
/// ```
/// p_a = (1 - gamma) w_a / sum w + gamma / K        play a ~ p
/// update: w_a *= exp(gamma r / (p_a K))            (importance-weighted reward)
/// ```
/// Weights are kept as logarithms, so long runs do not overflow.
public struct EXP3Policy: BanditPolicy {
    public let arms: Int
    public let gamma: Double
    public private(set) var logWeights: [Double]

    /// - Precondition: `0 < gamma <= 1`.
    public init(arms: Int, gamma: Double) {
        precondition(gamma > 0 && gamma <= 1, "EXP3 needs 0 < gamma <= 1")
        self.arms = arms
        self.gamma = gamma
        logWeights = [Double](repeating: 0, count: arms)
    }

    /// The current distribution over arms.
    public var probabilities: [Double] {
        let top = logWeights.max() ?? 0
        let weights = logWeights.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        return weights.map { (1 - gamma) * $0 / total + gamma / Double(arms) }
    }

    /// The distribution of the last `choose`, valid until the next `update` (which reads it
    /// instead of recomputing K exponentials).
    private var lastProbabilities: [Double]?

    public mutating func choose(context: [Double], random: inout RandomSource) -> Int {
        let p = probabilities
        lastProbabilities = p
        let u = random.nextDouble()
        var cumulative = 0.0
        for (a, probability) in p.enumerated() {
            cumulative += probability
            if u < cumulative { return a }
        }
        return arms - 1
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        let p = (lastProbabilities ?? probabilities)[arm]
        lastProbabilities = nil
        logWeights[arm] += gamma * reward / (p * Double(arms))
    }
}
