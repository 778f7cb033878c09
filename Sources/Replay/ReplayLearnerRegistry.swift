import SimCore

/// What a learner may be built from.
public struct ReplayLearnerParameters: Sendable {
    public var classes: Int
    public var dimension: Int
    public var learningRate: Double
    public var neighbours: Int
    public var scanBudget: Int
    /// Network learner: the shallow and deep hidden widths, and how it grows per task.
    public var hidden: Int
    public var width: Int
    public var expansion: NetworkExpansion
    /// Partial expansion: whether the shared layer trains after the first task.
    public var trainsSharedLayer: Bool
    /// The source of initial weights.
    public var random: RandomSource
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
        ("network", "two-hidden-layer ReLU network by SGD; network.expansion grows a frozen branch per task (DER: full, MEMO: partial)", {
            ExpandableNetworkLearner(
                classes: $0.classes, dimension: $0.dimension, hidden: $0.hidden, width: $0.width, expansion: $0.expansion,
                learningRate: $0.learningRate, trainsSharedLayer: $0.trainsSharedLayer, random: $0.random)
        }),
    ]

    public static var names: [String] { entries.map(\.name) }
}
