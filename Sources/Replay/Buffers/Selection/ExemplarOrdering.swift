import SimCore

/// A rule that ranks one class's candidate samples for a buffer that selects at task ends:
/// the first `limit` of the returned order are kept, and a later, smaller share keeps a prefix
/// of it, so the order must make every prefix a good selection.
public protocol ExemplarOrdering: Sendable {
    /// Up to `limit` of `candidates` (samples of class `label` in `data`), best first.
    /// `means` holds every class's current mean (nil for classes with no samples yet), for
    /// rules that score difficulty.
    func order(
        _ candidates: [Int], label: Int, data: FeatureDataset, means: [[Double]?], limit: Int,
        random: inout RandomSource
    ) -> [Int]
}

/// Squared Euclidean distance between sample `i` of `data` and `point`.
func squaredDistance(_ data: FeatureDataset, _ i: Int, _ point: [Double]) -> Double {
    let d = data.dimension
    var total = 0.0
    for j in 0..<d {
        let diff = data.features[i * d + j] - point[j]
        total += diff * diff
    }
    return total
}

/// The mean of samples `samples` of `data` (zeros for none).
func mean(of samples: [Int], in data: FeatureDataset) -> [Double] {
    let d = data.dimension
    var total = [Double](repeating: 0, count: d)
    for i in samples { for j in 0..<d { total[j] += data.features[i * d + j] } }
    return samples.isEmpty ? total : total.map { $0 / Double(samples.count) }
}

/// Difficulty of sample i for its class: the distance to its class mean minus the distance to
/// the nearest other class mean (positive when a nearest-class-mean rule misclassifies it; a
/// cheap stand-in for the training-dynamics scores, such as forgetting or AUM, of the coreset
/// papers).
func difficulty(_ data: FeatureDataset, _ i: Int, label: Int, means: [[Double]?]) -> Double {
    guard let own = means[label] else { return 0 }
    var nearestOther = Double.infinity
    for (c, m) in means.enumerated() where c != label {
        if let m { nearestOther = min(nearestOther, squaredDistance(data, i, m)) }
    }
    let ownDistance = squaredDistance(data, i, own).squareRoot()
    return nearestOther.isFinite ? ownDistance - nearestOther.squareRoot() : ownDistance
}
