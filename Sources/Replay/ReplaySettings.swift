import SimCore

/// The validated configuration of the `replay` model (every key of `ReplayModel.parameters`).
struct ReplaySettings: Sendable {
    let learnerName: String
    let bufferName: String
    let stream: ContinualStream.Settings
    let batch: Int
    let replayBatch: Int
    let learningRate: Double
    let exemplarBytes: Int
    let evalEvery: Int
    /// Buffer capacity in exemplars, after the model's bytes are taken from a byte budget.
    let exemplars: Int

    init(_ config: Configuration) throws {
        learnerName = try config.string("learner", oneOf: ReplayLearnerRegistry.names)
        bufferName = try config.string("buffer", oneOf: ReplayBufferRegistry.names)
        let kind = ContinualStream.Kind(rawValue: try config.string("stream.kind", oneOf: ContinualStream.Kind.allCases.map(\.rawValue)))
            ?? .classIncremental
        let tasks = try config.int("stream.tasks", in: 1...1_000)
        let classes = try config.int("stream.classes", in: 2...10_000)
        if kind != .domainIncremental, classes % tasks != 0 {
            throw ConfigError("stream.classes", "\(classes) classes do not split evenly into \(tasks) tasks")
        }
        let dimension = try config.int("stream.dimension", in: 1...100_000)
        stream = ContinualStream.Settings(
            kind: kind, classes: classes, tasks: tasks, dimension: dimension,
            samplesPerTask: try config.int("stream.samples_per_task", in: 1...10_000_000),
            testPerClass: try config.int("stream.test_per_class", in: 1...100_000),
            separation: try config.double("stream.separation", allowed: .nonNegative),
            rotation: try config.double("stream.rotation", allowed: .nonNegative),
            skew: try config.double("stream.skew", allowed: .nonNegative),
            recurrence: try config.double("stream.recurrence", allowed: .probability),
            blur: try config.double("stream.blur", allowed: .probability))
        batch = try config.int("train.batch", in: 1...100_000)
        replayBatch = try config.int("train.replay_batch", in: 0...100_000)
        learningRate = try config.double("train.learning_rate", allowed: .positive)
        evalEvery = try config.int("eval.every", in: 1...10_000_000)
        let type = ExemplarType(rawValue: try config.string("exemplar.dtype", oneOf: ExemplarType.allCases.map(\.rawValue))) ?? .float32
        let shapeValue = try config.value("exemplar.shape")
        guard case .list(let items) = shapeValue else { throw config.wrongType("exemplar.shape", expected: "a list of sizes", found: shapeValue) }
        var elements = items.isEmpty ? dimension : 1
        for (i, item) in items.enumerated() {
            guard case .int(let n) = item, n >= 1, n <= 1_000_000 else {
                throw ConfigError("exemplar.shape[\(i)]", "expected a size in 1...1000000, found '\(item)'")
            }
            elements *= n
        }
        exemplarBytes = elements * type.bytes
        let budget = try config.double("memory.budget_kib", allowed: .nonNegative)
        if budget > 0 {
            let modelBytes = Self.learner(learnerName, classes: classes, dimension: dimension, rate: learningRate)?.parameterBytes ?? 0
            let free = Int(budget * 1024) - modelBytes
            guard free >= 0 else {
                throw ConfigError("memory.budget_kib", "\(budget) KiB does not hold the \(learnerName) learner's \(modelBytes) bytes")
            }
            exemplars = free / exemplarBytes
        } else {
            exemplars = try config.int("memory.exemplars", in: 0...100_000_000)
        }
    }

    private static func learner(_ name: String, classes: Int, dimension: Int, rate: Double) -> (any ContinualLearner)? {
        ReplayLearnerRegistry.entries.first { $0.name == name }?.make(
            ReplayLearnerParameters(classes: classes, dimension: dimension, learningRate: rate))
    }

    var learnerParameters: ReplayLearnerParameters {
        ReplayLearnerParameters(classes: stream.classes, dimension: stream.dimension, learningRate: learningRate)
    }
}
