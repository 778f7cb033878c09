/// Linear Thompson sampling (Agrawal and Goyal, "Thompson Sampling for Contextual Bandits
/// with Linear Payoffs", ICML 2013), with disjoint per-arm models:
/// ```
/// sample theta~_a ~ N(theta_a, v^2 A_a^-1), play argmax theta~_a . x
/// ```
/// The sample is theta_a + v L z with L the Cholesky factor of A_a^-1 (recomputed from the
/// incrementally kept inverse, O(d^3) per arm and round) and z standard normal.
public struct LinearThompsonPolicy: ScoringBanditPolicy {
    public let arms: Int
    public let scale: Double
    public private(set) var models: [RidgeRegression]

    public init(arms: Int, dimension: Int, scale: Double, lambda: Double = 1) {
        self.arms = arms
        self.scale = scale
        models = [RidgeRegression](repeating: RidgeRegression(dimension: dimension, lambda: lambda), count: arms)
    }

    public func scores(context: [Double], random: inout RandomSource) -> [Double] {
        models.map { model in
            let d = model.dimension
            let factor = Self.cholesky(model.inverse, dimension: d)
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
