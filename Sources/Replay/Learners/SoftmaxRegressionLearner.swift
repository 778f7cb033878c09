import Foundation

/// Multinomial logistic regression trained online by SGD: one step per mini-batch,
/// ```
/// p = softmax(W x + b),   W -= (lr / B) sum (p - onehot(y)) x^T,   b -= (lr / B) sum (p - onehot(y))
/// ```
/// over every class (unseen classes are pushed down, as in class-incremental training from
/// scratch). Parameters: C x d weights and C biases, float32; 2 C d multiply-adds per sample
/// per step (forward and gradient).
public struct SoftmaxRegressionLearner: ContinualLearner {
    public let classes: Int
    public let dimension: Int
    public let learningRate: Double
    private var weights: [Double]
    private var biases: [Double]
    private var gradient: [Double]
    private var probabilities: [Double]
    public private(set) var trainingMultiplyAdds = 0

    public init(classes: Int, dimension: Int, learningRate: Double) {
        self.classes = classes
        self.dimension = dimension
        self.learningRate = learningRate
        weights = [Double](repeating: 0, count: classes * dimension)
        biases = [Double](repeating: 0, count: classes)
        gradient = weights
        probabilities = biases
    }

    public var parameterBytes: Int { Self.parameterBytes(classes: classes, dimension: dimension) }

    /// One score per class: classes x d.
    public var predictionMultiplyAdds: Int { classes * dimension }

    public static func parameterBytes(classes: Int, dimension: Int) -> Int { (classes * dimension + classes) * 4 }

    private func logit(_ c: Int, _ i: Int, _ data: FeatureDataset) -> Double {
        let d = dimension
        return weights.withUnsafeBufferPointer { w in
            data.features.withUnsafeBufferPointer { f in
                var total = biases[c]
                for j in 0..<d { total += w[c * d + j] * f[i * d + j] }
                return total
            }
        }
    }

    public mutating func train(on batch: [Int], of data: FeatureDataset) {
        guard !batch.isEmpty else { return }
        let d = dimension
        let k = classes
        for i in 0..<gradient.count { gradient[i] = 0 }
        var biasGradient = [Double](repeating: 0, count: k)
        for i in batch {
            var top = -Double.infinity
            for c in 0..<k {
                probabilities[c] = logit(c, i, data)
                top = max(top, probabilities[c])
            }
            var total = 0.0
            for c in 0..<k {
                probabilities[c] = exp(probabilities[c] - top)
                total += probabilities[c]
            }
            let label = data.labels[i]
            for c in 0..<k {
                let error = probabilities[c] / total - (c == label ? 1 : 0)
                biasGradient[c] += error
                for j in 0..<d { gradient[c * d + j] += error * data.features[i * d + j] }
            }
        }
        let step = learningRate / Double(batch.count)
        for i in 0..<weights.count { weights[i] -= step * gradient[i] }
        for c in 0..<k { biases[c] -= step * biasGradient[c] }
        trainingMultiplyAdds += 2 * batch.count * k * d
    }

    public func predict(_ i: Int, of data: FeatureDataset, among allowed: [Int]?) -> Int {
        bestClass({ logit($0, i, data) }, classes: classes, among: allowed)
    }
}
