import Foundation
import SimCore
import Statistics

/// The `replay` model: a learner trained online on a non-stationary stream, with a replay
/// buffer whose exemplars and the model's own parameters share one memory budget, evaluated
/// every few iterations so that dips between task ends are seen (De Lange et al., "Continual
/// evaluation for lifelong learning: identifying the stability gap", ICLR 2023).
///
/// ```
/// task:      the learner may grow (`beginTask`); the task's samples are visited
///            `train.passes` times, in stream order and then reshuffled
/// iteration: take `train.batch` stream samples, add `train.replay_batch` samples drawn
///            uniformly (with replacement) from the buffer, one learner step on all of them,
///            then (first pass only) offer the stream samples to the buffer; at a task end the
///            buffer may select
/// from-buffer (GDumb, Prabhu et al., ECCV 2020): no online steps; after each task a fresh
///            learner is trained on the buffer's training set for `train.epochs` epochs
/// budget:    exemplars x exemplar bytes + model bytes <= memory.budget_kib (when given),
///            with the model's bytes at the end of the stream (after every expansion)
/// ```
/// See `ContinualStream` for the scenarios and `ContinualEvaluation` for the metrics.
public struct ReplayModel: Model {
    public static let kind = "replay"
    public static let summary =
        "continual learning with a replay buffer under a byte budget, evaluated every r iterations"

    public static let parameters: [ModelParameter] = [
        ModelParameter(
            "learner", .string("softmax"), .choice(ReplayLearnerRegistry.names),
            "learner"),
        ModelParameter(
            "buffer", .string("reservoir"), .choice(ReplayBufferRegistry.names),
            "replay buffer"),
        ModelParameter(
            "stream.kind", .string("class-incremental"), .choice(ContinualStream.Kind.allCases.map(\.rawValue)),
            "scenario"),
        ModelParameter(
            "stream.classes", .int(10), .integer(2...10_000),
            "classes C (a multiple of stream.tasks unless domain-incremental)"),
        ModelParameter(
            "stream.tasks", .int(5), .integer(1...1_000),
            "tasks T"),
        ModelParameter(
            "stream.dimension", .int(64), .integer(1...100_000),
            "feature dimension d"),
        ModelParameter(
            "stream.samples_per_task", .int(2000), .integer(1...10_000_000),
            "training samples per task", appliesWhen: .synthetic),
        ModelParameter(
            "stream.test_per_class", .int(100), .integer(1...100_000),
            "held-out test samples per class of a task", appliesWhen: .synthetic),
        ModelParameter(
            "stream.separation", .double(3), .number(.nonNegative),
            "distance of each class mean from the origin, in noise standard deviations", appliesWhen: .synthetic),
        ModelParameter(
            "stream.modes", .int(1), .integer(1...1_000),
            "Gaussian modes per class (> 1: classes not linearly separable)", appliesWhen: .synthetic),
        ModelParameter(
            "stream.rotation", .double(0.5), .number(.nonNegative),
            "domain-incremental: rotation between consecutive tasks, radians", appliesWhen: .synthetic),
        ModelParameter(
            "stream.skew", .double(0), .number(.nonNegative),
            "class frequencies within a task proportional to 1 / (rank + 1)^skew", appliesWhen: .synthetic),
        ModelParameter(
            "stream.recurrence", .double(0), .number(.probability),
            "probability that a sample comes from an earlier task", appliesWhen: .synthetic),
        ModelParameter(
            "stream.blur", .double(0.2), .number(.probability),
            "task-free: fraction of a task over which its boundary blurs", appliesWhen: .synthetic),
        ModelParameter(
            "stream.csv", .string(""), .file,
            "feature table (see FeatureTable: label, optional task, features) instead of synthetic classes; empty: synthetic"
        ),
        ModelParameter(
            "stream.test_fraction", .double(0.2), .number(NumberDomain(lower: 0, upper: 1, upperInclusive: false)),
            "feature table: fraction of each task's class rows held out for testing"),
        ModelParameter(
            "train.batch", .int(10), .integer(1...100_000),
            "stream samples per iteration"),
        ModelParameter(
            "train.replay_batch", .int(10), .integer(0...100_000),
            "replayed samples per iteration"),
        ModelParameter(
            "train.mode", .string("online"), .choice(["online", "from-buffer"]),
            "online (stream + replay mini-batches) or from-buffer (GDumb: after each task, a fresh learner trained on the buffer alone)"
        ),
        ModelParameter(
            "train.passes", .int(1), .integer(1...10_000),
            "online: passes over each task's samples, reshuffled after the first (the buffer is offered them once)"),
        ModelParameter(
            "train.epochs", .int(5), .integer(1...10_000),
            "from-buffer: epochs over the buffer per task end"),
        ModelParameter(
            "coreset.strata", .int(50), .integer(1...10_000),
            "ccs: difficulty bins"),
        ModelParameter(
            "coreset.hard_cutoff", .double(0.1), .number(NumberDomain(lower: 0, upper: 1, upperInclusive: false)),
            "ccs: hardest fraction of each class dropped before stratifying"),
        ModelParameter(
            "stream.label_noise", .double(0), .number(.probability),
            "probability that a training label is replaced by another class of its task", appliesWhen: .synthetic),
        ModelParameter(
            "train.learning_rate", .double(0.05), .number(.positive),
            "SGD step size of the softmax learner"),
        ModelParameter(
            "network.hidden", .int(0), .integer(0...100_000),
            "network learner: shallow hidden width (0: network.width)"),
        ModelParameter(
            "network.width", .int(64), .integer(1...100_000),
            "network learner: deep hidden width per branch"),
        ModelParameter(
            "network.expansion", .string("none"), .choice(NetworkExpansion.allCases.map(\.rawValue)),
            "network learner's growth per task: none (one network), full (DER: a backbone snapshot per task), partial (MEMO: a deep branch per task on a shared shallow layer)"
        ),
        ModelParameter(
            "network.train_shared", .bool(true), .flag,
            "partial expansion: the shared layer keeps training after the first task (MEMO's train_base); false: frozen"
        ),
        ModelParameter(
            "knn.k", .int(3), .integer(1...1_000),
            "neighbours of the knn learner"),
        ModelParameter(
            "knn.budget", .int(0), .integer(0...100_000_000),
            "stored samples a knn prediction scans, the most recent (0: all)"),
        ModelParameter(
            "memory.exemplars", .int(200), .integer(0...100_000_000),
            "buffer capacity in exemplars, unless memory.budget_kib is set"),
        ModelParameter(
            "memory.budget_kib", .double(0), .number(NumberDomain(lower: 0, upper: 1e12)),
            "total memory in KiB for the model and the exemplars (0: memory.exemplars sets the capacity)"),
        ModelParameter(
            "memory.reference_model", .string("none"), .choice(["none"] + ExemplarEquivalence.backbones.map(\.name)),
            "a backbone to state in exemplars of its usual uint8 input (metric reference_model_exemplars): none, "
                + ExemplarEquivalence.backbones.map(\.name).joined(separator: ", ")),
        ModelParameter(
            "exemplar.dtype", .string("float32"), .choice(ExemplarType.allCases.map(\.rawValue)),
            "stored exemplar type"),
        ModelParameter(
            "exemplar.shape", .list([]), .structured("list of integers in 1...1000000"),
            "stored exemplar shape, e.g. [32, 32, 3] (empty: [stream.dimension])"),
        ModelParameter(
            "eval.every", .int(10), .integer(1...10_000_000),
            "iterations between evaluations on every task's test set"),
        ModelParameter(
            "eval.dip_window", .double(0.1), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "share of a task's iterations after a switch in which early_dip takes its minimum"),
    ]

    public static let metrics: [MetricDefinition] = [
        MetricDefinition("final_accuracy", unit: "ratio", "mean test accuracy over all tasks after the stream"),
        MetricDefinition(
            "average_incremental_accuracy", unit: "ratio", "mean over task ends k of the mean accuracy on tasks 0..k"),
        MetricDefinition(
            "forgetting", unit: "ratio", "mean over earlier tasks of best accuracy at a task end minus final accuracy"),
        MetricDefinition(
            "backward_transfer", unit: "ratio",
            "mean over earlier tasks of final accuracy minus accuracy right after learning it"),
        MetricDefinition(
            "forward_transfer", unit: "ratio",
            "mean over tasks j >= 1 of accuracy on j before learning it minus at initialisation"),
        MetricDefinition(
            "min_accuracy", unit: "ratio",
            "min-ACC: mean over earlier tasks of their lowest accuracy after being learnt"),
        MetricDefinition("worst_case_accuracy", unit: "ratio", "WC-ACC: last task's accuracy / T + (1 - 1/T) min-ACC"),
        MetricDefinition(
            "deepest_drop", unit: "ratio",
            "mean over task switches of earlier tasks' accuracy before the switch minus their lowest during the task: transient dip and lasting forgetting together"
        ),
        MetricDefinition(
            "early_dip", unit: "ratio",
            "stability gap: mean over switches of earlier tasks' accuracy before the switch minus their lowest in the first eval.dip_window of the task (0 if none is lower)"
        ),
        MetricDefinition(
            "dip_recovery", unit: "ratio",
            "mean over switches of earlier tasks' accuracy at the task end minus their lowest in the early window (negative if they kept falling)"
        ),
        MetricDefinition(
            "lasting_drop", unit: "ratio",
            "mean over switches of earlier tasks' accuracy before the switch minus at the task end: the drop that does not recover"
        ),
        MetricDefinition(
            "recovery_iterations", unit: "iterations",
            "mean over switches of iterations until half the dip is regained (task length if never)"),
        MetricDefinition(
            "hidden_dip", unit: "ratio",
            "mean over switches of earlier tasks' accuracy at the task end minus their lowest during the task"),
        MetricDefinition(
            "position_uniformity_p", unit: "p-value",
            "chi-square p-value (GSL) that the stored exemplars are spread evenly over 20 equal parts of the stream (1 when fewer than 100 are stored)"
        ),
        MetricDefinition("exemplars_stored", unit: "exemplars", "exemplars in the buffer after the stream"),
        MetricDefinition("bytes_stored", unit: "bytes", "exemplars stored x exemplar bytes"),
        MetricDefinition("model_bytes", unit: "bytes", "the learner's parameter bytes"),
        MetricDefinition("model_exemplars", unit: "exemplars", "the learner's parameter bytes / exemplar bytes"),
        MetricDefinition(
            "reference_model_exemplars", unit: "exemplars",
            "memory.reference_model's float32 bytes / the bytes of one uint8 input of its usual shape (resnet32: 32x32x3; 0 when none)"
        ),
        MetricDefinition("training_madds", unit: "multiply-adds", "multiply-adds spent training"),
        MetricDefinition("training_steps", unit: "steps", "learner steps (mini-batches) taken"),
        MetricDefinition(
            "prediction_madds", unit: "multiply-adds",
            "multiply-adds of one prediction after the stream (kNN: the scanned store x d)"),
        MetricDefinition(
            "online_prediction_madds", unit: "multiply-adds",
            "multiply-adds of predicting every stream sample once before training on it (the online protocol), summed over the stream"
        ),
        MetricDefinition("total_madds", unit: "multiply-adds", "training_madds + online_prediction_madds"),
    ]

    public static let tables: [MetricDefinition] = [
        MetricDefinition(
            "accuracy_matrix", unit: "ratio", "row k, column j: test accuracy on task j at the end of task k (T x T)")
    ]

    public static var policies: [PolicyDescription] {
        ReplayLearnerRegistry.entries.map { PolicyDescription(key: "learner", name: $0.name, summary: $0.summary) }
            + ReplayBufferRegistry.entries.map { PolicyDescription(key: "buffer", name: $0.name, summary: $0.summary) }
    }

    let settings: ReplaySettings

    public init(config: Configuration) throws { settings = try ReplaySettings(try config.declaring(Self.parameters)) }

    public func run(seed: UInt64) throws -> MetricRow {
        let root = RandomSource(seed: seed)
        var run = ReplayRun(settings: settings, root: root)
        var training = settings.trainingProtocol(root: root)
        run.evaluate(endsTask: false)
        for task in 0..<settings.stream.tasks {
            run.learner.beginTask(task)
            training.train(task: task, run: &run)
        }
        return try metrics(of: run)
    }

    /// The metrics and tables of a finished run.
    private func metrics(of run: ReplayRun) throws -> MetricRow {
        let s = settings
        let evaluation = run.evaluation
        let learner = run.learner
        let switches = evaluation.switches(dipWindow: s.dipWindow)
        let stored = run.buffer.stored.count
        let trainingMadds = run.discardedMultiplyAdds + learner.trainingMultiplyAdds
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        return MetricRow(
            [
                "final_accuracy": evaluation.finalAccuracy,
                "average_incremental_accuracy": evaluation.averageIncrementalAccuracy,
                "forgetting": evaluation.forgetting,
                "backward_transfer": evaluation.backwardTransfer,
                "forward_transfer": evaluation.forwardTransfer,
                "min_accuracy": evaluation.minAccuracy,
                "worst_case_accuracy": evaluation.worstCaseAccuracy,
                "deepest_drop": mean(switches.map(\.depth)),
                "early_dip": mean(switches.map(\.earlyDip)),
                "dip_recovery": mean(switches.map(\.recovery)),
                "lasting_drop": mean(switches.map(\.lasting)),
                "recovery_iterations": mean(switches.map { Double($0.recoveryIterations) }),
                "hidden_dip": mean(switches.map(\.hidden)),
                "position_uniformity_p": try Self.positionUniformity(
                    run.buffer.stored, streamLength: run.stream.train.count),
                "exemplars_stored": Double(stored),
                "bytes_stored": Double(stored * s.exemplarBytes),
                "model_bytes": Double(learner.parameterBytes),
                "model_exemplars": Double(learner.parameterBytes) / Double(s.exemplarBytes),
                "reference_model_exemplars": s.referenceModel?.exemplars ?? 0,
                "training_madds": Double(trainingMadds),
                "training_steps": Double(run.steps),
                "prediction_madds": Double(learner.predictionMultiplyAdds),
                "online_prediction_madds": Double(run.predictionMultiplyAdds),
                "total_madds": Double(trainingMadds + run.predictionMultiplyAdds),
            ], tables: ["accuracy_matrix": evaluation.accuracyMatrix])
    }

    /// The chi-square goodness-of-fit p-value of the stored samples' stream positions against
    /// a uniform spread over 20 equal bins (what a uniform sample of the stream, such as a
    /// reservoir, gives); 1 when fewer than 100 samples are stored (too few for the test).
    static func positionUniformity(_ stored: [Int], streamLength: Int) throws -> Double {
        let bins = 20
        guard stored.count >= 100, streamLength >= bins else { return 1 }
        var observed = [Double](repeating: 0, count: bins)
        for i in stored { observed[min(bins - 1, i * bins / streamLength)] += 1 }
        let expected = (0..<bins).map { b in
            let low = (b * streamLength + bins - 1) / bins
            let high = ((b + 1) * streamLength + bins - 1) / bins
            return Double(stored.count) * Double(high - low) / Double(streamLength)
        }
        return try ChiSquareTest.goodnessOfFit(observed: observed, expected: expected).pValue
    }
}

extension ParameterCondition {
    /// The keys of synthetic streams, which a feature table (`stream.csv`) replaces.
    static let synthetic = ParameterCondition(
        "stream.csv", isOneOf: [.string("")], description: "the stream is synthetic (stream.csv empty)")
}
