/// A learner trained on mini-batches of a stream, with its memory and compute accounted.
public protocol ContinualLearner: Sendable {
    /// One training step on the samples `batch` (indices into `data`).
    mutating func train(on batch: [Int], of data: FeatureDataset)
    /// The predicted class of sample `i` of `data`, among `allowed` classes (all when nil).
    func predict(_ i: Int, of data: FeatureDataset, among allowed: [Int]?) -> Int
    /// Bytes of the learner's parameters (float32 each).
    var parameterBytes: Int { get }
    /// Multiply-adds spent in training so far.
    var trainingMultiplyAdds: Int { get }
    /// Task `task` (0, 1, ...) starts: an expanding learner grows here.
    mutating func beginTask(_ task: Int)
}

extension ContinualLearner {
    public mutating func beginTask(_ task: Int) {}
}

/// The allowed class of highest score (ties: lowest class).
func bestClass(_ scores: (Int) -> Double, classes: Int, among allowed: [Int]?) -> Int {
    var best = -1
    var bestScore = -Double.infinity
    if let allowed {
        for c in allowed where scores(c) > bestScore {
            best = c
            bestScore = scores(c)
        }
    } else {
        for c in 0..<classes where scores(c) > bestScore {
            best = c
            bestScore = scores(c)
        }
    }
    return max(best, 0)
}
