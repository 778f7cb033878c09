import SimCore

/// The validated configuration of the `replay` model (every key of `ReplayModel.parameters`).
struct ReplaySettings: Sendable {
    let learner: ReplayLearnerEntry
    let buffer: ReplayBufferEntry
    let stream: ContinualStream.Settings
    let batch: Int
    let replayBatch: Int
    /// What the learner is built from; `learnerParameters(random:)` adds its initial weights' source.
    private let learnerTemplate: ReplayLearnerParameters
    /// Passes over each task's samples (the buffer is offered them in the first).
    let passes: Int
    /// The backbone of `ExemplarEquivalence.backbones` to state in exemplars, if any.
    let referenceModel: ExemplarEquivalence?
    let exemplarBytes: Int
    let evalEvery: Int
    /// The share of a task's iterations after a switch in which the early dip is measured.
    let dipWindow: Double
    let trainsFromBuffer: Bool
    let epochs: Int
    let strata: Int
    let hardCutoff: Double
    /// The feature table streamed instead of synthetic classes, when `stream.csv` is set.
    let table: FeatureTable?
    let testFraction: Double
    /// Buffer capacity in exemplars, after the model's bytes are taken from a byte budget.
    let exemplars: Int

    init(_ config: Configuration) throws {
        let learnerName = try config.string("learner")
        guard let learner = ReplayLearnerRegistry.entry(named: learnerName) else {
            throw ConfigError("learner", "unknown learner '\(learnerName)'")
        }
        self.learner = learner
        let bufferName = try config.string("buffer")
        guard let buffer = ReplayBufferRegistry.entry(named: bufferName) else {
            throw ConfigError("buffer", "unknown buffer '\(bufferName)'")
        }
        self.buffer = buffer
        stream = try Self.streamSettings(config)
        let tasks = stream.tasks
        let dimension = stream.dimension
        let csv = try config.path("stream.csv")
        testFraction = try config.double("stream.test_fraction")
        table = try Self.table(csv, stream: stream, config)
        batch = try config.int("train.batch")
        replayBatch = try config.int("train.replay_batch")
        learnerTemplate = try Self.learnerTemplate(config, stream: stream)
        let expansion = learnerTemplate.expansion
        passes = try config.int("train.passes")
        let reference = try config.string("memory.reference_model")
        referenceModel = ExemplarEquivalence.backbones.first { $0.name == reference }.map {
            ExemplarEquivalence(parameters: $0.parameters, bytesPerParameter: 4, shape: $0.shape, type: .uint8)
        }
        evalEvery = try config.int("eval.every")
        dipWindow = try config.double("eval.dip_window")
        trainsFromBuffer = try config.string("train.mode") == "from-buffer"
        if trainsFromBuffer, learnerName == "network", expansion != .none {
            // A fresh network grown to every task before training would freeze random branches.
            throw ConfigError(
                "network.expansion",
                "\(expansion.rawValue) grows the network during online training; train.mode from-buffer needs none")
        }
        epochs = try config.int("train.epochs")
        strata = try config.int("coreset.strata")
        hardCutoff = try config.double("coreset.hard_cutoff")
        exemplarBytes = try Self.exemplarBytes(config, dimension: dimension)
        let budget = try config.double("memory.budget_kib")
        if budget > 0 {
            // The model's bytes at the stream's end, after every expansion, so the budget is
            // never exceeded during the stream.
            let modelBytes = learner.finalBytes(learnerTemplate, tasks)
            let free = Int(budget * 1024) - modelBytes
            guard free >= 0 else {
                throw ConfigError(
                    "memory.budget_kib", "\(budget) KiB does not hold the \(learnerName) learner's \(modelBytes) bytes")
            }
            exemplars = free / exemplarBytes
        } else {
            exemplars = try config.int("memory.exemplars")
        }
    }

    /// What every learner is built from (`train.learning_rate`, `knn.*`, `network.*`), with
    /// a placeholder source of initial weights.
    private static func learnerTemplate(_ config: Configuration, stream: ContinualStream.Settings) throws
        -> ReplayLearnerParameters
    {
        let width = try config.int("network.width")
        let shallow = try config.int("network.hidden")
        let expansion =
            NetworkExpansion(
                rawValue: try config.string("network.expansion"))
            ?? .none
        return ReplayLearnerParameters(
            classes: stream.classes, dimension: stream.dimension,
            learningRate: try config.double("train.learning_rate"),
            neighbours: try config.int("knn.k"),
            scanBudget: try config.int("knn.budget"),
            hidden: shallow == 0 ? width : shallow, width: width, expansion: expansion,
            trainsSharedLayer: try config.bool("network.train_shared"), random: RandomSource(seed: 0))
    }

    /// The synthetic stream's settings (`stream.*`), with classes that split evenly into tasks.
    private static func streamSettings(_ config: Configuration) throws -> ContinualStream.Settings {
        let kind =
            ContinualStream.Kind(
                rawValue: try config.string("stream.kind"))
            ?? .classIncremental
        let tasks = try config.int("stream.tasks")
        let classes = try config.int("stream.classes")
        let csv = try config.path("stream.csv")
        if csv.isEmpty, kind != .domainIncremental, classes % tasks != 0 {
            throw ConfigError("stream.classes", "\(classes) classes do not split evenly into \(tasks) tasks")
        }
        let dimension = try config.int("stream.dimension")
        return ContinualStream.Settings(
            kind: kind, classes: classes, tasks: tasks, dimension: dimension,
            samplesPerTask: try config.int("stream.samples_per_task"),
            testPerClass: try config.int("stream.test_per_class"),
            separation: try config.double("stream.separation"),
            modes: try config.int("stream.modes"),
            rotation: try config.double("stream.rotation"),
            skew: try config.double("stream.skew"),
            recurrence: try config.double("stream.recurrence"),
            blur: try config.double("stream.blur"),
            labelNoise: try config.double("stream.label_noise"))
    }

    /// The feature table `stream.csv` names (through the process's input-file cache), checked
    /// against the stream's settings; `nil` when `csv` is empty.
    private static func table(_ csv: String, stream: ContinualStream.Settings, _ config: Configuration) throws
        -> FeatureTable?
    {
        if csv.isEmpty {
            return nil
        } else {
            let read: FeatureTable
            do {
                read = try InputFileCache.shared.value(
                    for: InputFileCache.key(path: csv, format: "feature-csv"), path: csv
                ) {
                    try FeatureTable.read(path: csv)
                }
            } catch let error as InputFileError {
                throw ConfigError("stream.csv", error.description)
            }
            try check(read, against: stream, config)
            return read
        }
    }

    /// The bytes of one stored exemplar: `exemplar.shape` elements (`[dimension]` when empty) of `exemplar.dtype`.
    private static func exemplarBytes(_ config: Configuration, dimension: Int) throws -> Int {
        let type =
            ExemplarType(rawValue: try config.string("exemplar.dtype"))
            ?? .float32
        let shapeValue = try config.value("exemplar.shape")
        guard case .list(let items) = shapeValue else {
            throw config.wrongType("exemplar.shape", expected: "a list of sizes", found: shapeValue)
        }
        var elements = items.isEmpty ? dimension : 1
        for (i, item) in items.enumerated() {
            guard case .int(let n) = item, n >= 1, n <= 1_000_000 else {
                throw ConfigError("exemplar.shape[\(i)]", "expected a size in 1...1000000, found '\(item)'")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: n)
            guard !overflow, product <= 1 << 40 else {
                throw ConfigError("exemplar.shape", "more than 2^40 elements per exemplar")
            }
            elements = product
        }
        return elements * type.bytes
    }

    /// A feature table fixes the classes, dimension and tasks, and only class- and
    /// task-incremental order apply to it (the synthetic-only keys are refused by their
    /// declarations, `ParameterCondition.synthetic`).
    private static func check(_ table: FeatureTable, against stream: ContinualStream.Settings, _ config: Configuration)
        throws
    {
        guard stream.kind == .classIncremental || stream.kind == .taskIncremental else {
            throw ConfigError(
                "stream.kind", "a feature table streams class- or task-incremental tasks, not \(stream.kind.rawValue)")
        }
        if stream.classes != table.classes {
            throw ConfigError("stream.classes", "is \(stream.classes) but the table has \(table.classes) classes")
        }
        if stream.dimension != table.dimension {
            throw ConfigError(
                "stream.dimension", "is \(stream.dimension) but the table has \(table.dimension) feature columns")
        }
        if let tasks = table.tasks {
            let count = (tasks.max() ?? 0) + 1
            if stream.tasks != count {
                throw ConfigError("stream.tasks", "is \(stream.tasks) but the table's task column has \(count) tasks")
            }
        } else if table.classes % stream.tasks != 0 {
            throw ConfigError("stream.tasks", "\(table.classes) classes do not split evenly into \(stream.tasks) tasks")
        }
    }

    /// The learner's parameters, with initial weights drawn from `random`.
    func learnerParameters(random: RandomSource) -> ReplayLearnerParameters {
        var parameters = learnerTemplate
        parameters.random = random
        return parameters
    }
}
