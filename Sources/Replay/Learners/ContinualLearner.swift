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
    /// Multiply-adds of one prediction over every class in the learner's current state.
    var predictionMultiplyAdds: Int { get }
    /// Task `task` (0, 1, ...) starts: an expanding learner grows here.
    mutating func beginTask(_ task: Int)
}

extension ContinualLearner {
    public mutating func beginTask(_ task: Int) {}
}

/// The allowed class of highest score (ties: the first in order); each score is computed once.
func bestClass(_ scores: (Int) -> Double, classes: Int, among allowed: [Int]?) -> Int {
    var best = -1
    var bestScore = -Double.infinity
    func consider(_ c: Int) {
        let score = scores(c)
        if score > bestScore {
            best = c
            bestScore = score
        }
    }
    if let allowed { allowed.forEach(consider) } else { (0..<classes).forEach(consider) }
    return max(best, 0)
}
