/// Nearest class mean: each class's mean of the training samples it has seen (stream and
/// replay alike, running means), and a sample's class is the nearest mean in Euclidean
/// distance; an unseen class has no mean and is never predicted. Parameters: C x d means.
public struct NearestClassMeanLearner: ContinualLearner {
    public let classes: Int
    public let dimension: Int
    private var sums: [Double]
    private var counts: [Int]
    public private(set) var trainingMultiplyAdds = 0

    public init(classes: Int, dimension: Int) {
        self.classes = classes
        self.dimension = dimension
        sums = [Double](repeating: 0, count: classes * dimension)
        counts = [Int](repeating: 0, count: classes)
    }

    public var parameterBytes: Int { Self.parameterBytes(classes: classes, dimension: dimension) }

    /// One distance per class mean: classes x d.
    public var predictionMultiplyAdds: Int { classes * dimension }

    /// The class means, float32.
    public static func parameterBytes(classes: Int, dimension: Int) -> Int { classes * dimension * 4 }

    public mutating func train(on batch: [Int], of data: FeatureDataset) {
        let d = dimension
        for i in batch {
            let c = data.labels[i]
            for j in 0..<d { sums[c * d + j] += data.features[i * d + j] }
            counts[c] += 1
        }
        trainingMultiplyAdds += batch.count * d
    }

    public func predict(_ i: Int, of data: FeatureDataset, among allowed: [Int]?) -> Int {
        let d = dimension
        return bestClass(
            { c in
                guard counts[c] > 0 else { return -Double.infinity }
                let n = Double(counts[c])
                var distance = 0.0
                for j in 0..<d {
                    let diff = data.features[i * d + j] - sums[c * d + j] / n
                    distance += diff * diff
                }
                return -distance
            }, classes: classes, among: allowed)
    }
}
