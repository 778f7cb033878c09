/// k-nearest-neighbour classification over stored features (Prabhu et al., "Online Continual
/// Learning Without the Storage Constraint", arXiv:2305.09253, 2023: a kNN over every feature
/// seen, no gradient steps, so nothing is overwritten): training appends each stream sample's
/// features to the store (replayed samples are already in it and are skipped); a prediction is
/// the majority class of the k stored samples nearest in Euclidean distance (ties: the class
/// of the nearest among the tied). Exact search: a prediction costs |store| x d multiply-adds;
/// `budget` caps the store scanned per prediction to its most recent samples when set (0: the
/// whole store). Training costs d multiply-adds per stored sample (the copy).
public struct NearestNeighbourLearner: ContinualLearner {
    public let classes: Int
    public let dimension: Int
    public let k: Int
    public let budget: Int
    private var stored: [Int] = []
    private var isStored: Set<Int> = []
    private var data: FeatureDataset?
    public private(set) var trainingMultiplyAdds = 0

    public init(classes: Int, dimension: Int, k: Int, budget: Int) {
        self.classes = classes
        self.dimension = dimension
        self.k = k
        self.budget = budget
    }

    /// The stored features, float32: they grow with the stream (0 before training), so a byte
    /// budget cannot bound them; pair this learner with the `none` buffer.
    public var parameterBytes: Int { stored.count * dimension * 4 }

    /// Exact search: the scanned samples (the store, or its newest `budget`) x d.
    public var predictionMultiplyAdds: Int { (budget > 0 ? min(budget, stored.count) : stored.count) * dimension }

    public mutating func train(on batch: [Int], of data: FeatureDataset) {
        if self.data == nil { self.data = data }
        for i in batch where !isStored.contains(i) {
            stored.append(i)
            isStored.insert(i)
            trainingMultiplyAdds += dimension
        }
    }

    public func predict(_ i: Int, of test: FeatureDataset, among allowed: [Int]?) -> Int {
        guard let data, !stored.isEmpty else { return allowed?.first ?? 0 }
        let d = dimension
        let scanned = budget > 0 ? stored.suffix(budget) : stored[...]
        // The k nearest (distance, position in the store), kept sorted.
        var nearest: [(distance: Double, sample: Int)] = []
        for s in scanned {
            let label = data.labels[s]
            if let allowed, !allowed.contains(label) { continue }
            var distance = 0.0
            for j in 0..<d {
                let diff = test.features[i * d + j] - data.features[s * d + j]
                distance += diff * diff
            }
            if nearest.count < k || distance < nearest[nearest.count - 1].distance {
                let position = nearest.firstIndex { distance < $0.distance } ?? nearest.count
                nearest.insert((distance, s), at: position)
                if nearest.count > k { nearest.removeLast() }
            }
        }
        var votes = [Int](repeating: 0, count: classes)
        for n in nearest { votes[data.labels[n.sample]] += 1 }
        let top = votes.max() ?? 0
        return nearest.first { votes[data.labels[$0.sample]] == top }.map { data.labels[$0.sample] }
            ?? (allowed?.first ?? 0)
    }
}
