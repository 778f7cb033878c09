import SimCore

/// Epsilon-greedy over per-arm ridge regressions: with probability epsilon a uniformly
/// random arm, otherwise the arm of highest predicted reward theta_a . x (for a constant
/// context this is the classic context-free epsilon-greedy; Sutton and Barto,
/// "Reinforcement Learning", 2nd ed., section 2.2).
public struct EpsilonGreedyPolicy: BanditPolicy {
    public let arms: Int
    public let epsilon: Double
    public private(set) var models: [RidgeRegression]

    public init(arms: Int, dimension: Int, epsilon: Double, lambda: Double = 1) {
        self.arms = arms
        self.epsilon = epsilon
        models = [RidgeRegression](repeating: RidgeRegression(dimension: dimension, lambda: lambda), count: arms)
    }

    public func choose(context: [Double], random: inout RandomSource) -> Int {
        if random.nextDouble() < epsilon { return random.nextInt(below: arms) }
        return argmax(models.map { $0.predict(context) })
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        models[arm].update(context, reward: reward)
    }
}
