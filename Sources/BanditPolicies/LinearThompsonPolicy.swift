import SimCore

/// Linear Thompson sampling (Agrawal and Goyal, "Thompson Sampling for Contextual Bandits
/// with Linear Payoffs", ICML 2013), with disjoint per-arm models:
/// ```
/// sample theta~_a ~ N(theta_a, v^2 A_a^-1), play argmax theta~_a . x
/// ```
/// The sample is theta_a + v L z with L the Cholesky factor of A_a^-1 and z standard normal;
/// L is recomputed from the incrementally kept inverse only when the arm is updated (O(d^3)
/// per round), not for every arm at every round.
public struct LinearThompsonPolicy: ScoringBanditPolicy {
    public let arms: Int
    public let scale: Double
    public private(set) var models: [RidgeRegression]
    /// The Cholesky factor of each arm's A^-1.
    private var factors: [[Double]]

    public init(arms: Int, dimension: Int, scale: Double, lambda: Double = 1) {
        self.arms = arms
        self.scale = scale
        let model = RidgeRegression(dimension: dimension, lambda: lambda)
        models = [RidgeRegression](repeating: model, count: arms)
        factors = [[Double]](repeating: Self.cholesky(model.inverse, dimension: dimension), count: arms)
    }

    public func scores(context: [Double], random: inout RandomSource) -> [Double] {
        zip(models, factors).map { model, factor in
            let d = model.dimension
            let z = (0..<d).map { _ in random.normal() }
            var score = model.predict(context)
            // x . (L z) = sum_i x_i sum_{j <= i} L_ij z_j
            for i in 0..<d {
                var row = 0.0
                for j in 0...i { row += factor[i * d + j] * z[j] }
                score += scale * context[i] * row
            }
            return score
        }
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        models[arm].update(context, reward: reward)
        factors[arm] = Self.cholesky(models[arm].inverse, dimension: models[arm].dimension)
    }

    /// The lower-triangular L with L L^T = m (m symmetric positive definite, row-major);
    /// pivots that rounding makes non-positive are clamped to zero.
    static func cholesky(_ m: [Double], dimension d: Int) -> [Double] {
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var sum = m[i * d + j]
                for k in 0..<j { sum -= l[i * d + k] * l[j * d + k] }
                if i == j {
                    l[i * d + i] = max(sum, 0).squareRoot()
                } else {
                    let pivot = l[j * d + j]
                    l[i * d + j] = pivot > 0 ? sum / pivot : 0
                }
            }
        }
        return l
    }
}
