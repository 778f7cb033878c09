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

/// One learner: its name, summary, factory, and its parameter bytes at the end of a stream of
/// `tasks` tasks (after every expansion) in closed form, which the byte budget charges
/// without building the learner.
public struct ReplayLearnerEntry: Sendable {
    public let name: String
    public let summary: String
    public let make: @Sendable (ReplayLearnerParameters) -> any ContinualLearner
    public let finalBytes: @Sendable (_ parameters: ReplayLearnerParameters, _ tasks: Int) -> Int
}

/// The learners of the `replay` model.
public enum ReplayLearnerRegistry {
    public static let entries: [ReplayLearnerEntry] = [
        ReplayLearnerEntry(
            name: "softmax", summary: "softmax regression trained online by SGD on stream + replay mini-batches",
            make: {
                SoftmaxRegressionLearner(classes: $0.classes, dimension: $0.dimension, learningRate: $0.learningRate)
            },
            finalBytes: { p, _ in SoftmaxRegressionLearner.parameterBytes(classes: p.classes, dimension: p.dimension) }),
        ReplayLearnerEntry(
            name: "ncm", summary: "nearest class mean over every training sample seen (stream and replay)",
            make: { NearestClassMeanLearner(classes: $0.classes, dimension: $0.dimension) },
            finalBytes: { p, _ in NearestClassMeanLearner.parameterBytes(classes: p.classes, dimension: p.dimension) }),
        ReplayLearnerEntry(
            name: "knn",
            summary: "k nearest neighbours over every stream sample's stored features (Prabhu et al. 2023)",
            make: {
                NearestNeighbourLearner(
                    classes: $0.classes, dimension: $0.dimension, k: $0.neighbours, budget: $0.scanBudget)
            },
            // Its store grows with the stream and is not bounded by a budget (see the learner).
            finalBytes: { _, _ in 0 }),
        ReplayLearnerEntry(
            name: "network",
            summary:
                "two-hidden-layer ReLU network by SGD; network.expansion grows a frozen branch per task (DER: full, MEMO: partial)",
            make: {
                ExpandableNetworkLearner(
                    classes: $0.classes, dimension: $0.dimension, hidden: $0.hidden, width: $0.width,
                    expansion: $0.expansion,
                    learningRate: $0.learningRate, trainsSharedLayer: $0.trainsSharedLayer, random: $0.random)
            },
            finalBytes: { p, tasks in
                ExpandableNetworkLearner.parameterBytes(
                    classes: p.classes, dimension: p.dimension, hidden: p.hidden, width: p.width,
                    expansion: p.expansion, tasks: tasks)
            }),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> ReplayLearnerEntry? { entries.first { $0.name == name } }
}
