import Foundation
import SimCore

/// LinUCB with disjoint linear models (Li, Chu, Langford and Schapire, "A Contextual-Bandit
/// Approach to Personalized News Article Recommendation", WWW 2010, Algorithm 1):
/// ```
/// score(a) = theta_a . x + alpha sqrt(x^T A_a^-1 x)     play the argmax
/// update:  A_a += x x^T, b_a += r x                     (Sherman-Morrison, O(d^2))
/// ```
public struct LinUCBPolicy: ScoringBanditPolicy {
    public let arms: Int
    public let alpha: Double
    public private(set) var models: [RidgeRegression]

    public init(arms: Int, dimension: Int, alpha: Double, lambda: Double = 1) {
        self.arms = arms
        self.alpha = alpha
        models = [RidgeRegression](repeating: RidgeRegression(dimension: dimension, lambda: lambda), count: arms)
    }

    public func scores(context: [Double], random: inout RandomSource) -> [Double] {
        models.map { score($0, context) }
    }

    /// The argmax of `scores` without building the array (the lowest arm among equals).
    public func choose(context: [Double], random: inout RandomSource) -> Int {
        models.withUnsafeBufferPointer { ms in
            var best = 0
            var bestScore = -Double.infinity
            for a in 0..<arms {
                let s = score(ms[a], context)
                if s > bestScore {
                    best = a
                    bestScore = s
                }
            }
            return best
        }
    }

    private func score(_ model: RidgeRegression, _ x: [Double]) -> Double {
        model.predict(x) + alpha * max(model.variance(x), 0).squareRoot()
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        models[arm].update(context, reward: reward)
    }
}
