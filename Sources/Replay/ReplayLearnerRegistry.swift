/// What a learner may be built from.
public struct ReplayLearnerParameters: Sendable {
    public var classes: Int
    public var dimension: Int
    public var learningRate: Double
    public var neighbours: Int
    public var scanBudget: Int
}

/// The learners of the `replay` model.
public enum ReplayLearnerRegistry {
    public static let entries: [(name: String, summary: String, make: @Sendable (ReplayLearnerParameters) -> any ContinualLearner)] = [
        ("softmax", "softmax regression trained online by SGD on stream + replay mini-batches", {
            SoftmaxRegressionLearner(classes: $0.classes, dimension: $0.dimension, learningRate: $0.learningRate)
        }),
        ("ncm", "nearest class mean over every training sample seen (stream and replay)", {
            NearestClassMeanLearner(classes: $0.classes, dimension: $0.dimension)
        }),
        ("knn", "k nearest neighbours over every stream sample's stored features (Prabhu et al. 2023)", {
            NearestNeighbourLearner(classes: $0.classes, dimension: $0.dimension, k: $0.neighbours, budget: $0.scanBudget)
        }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
