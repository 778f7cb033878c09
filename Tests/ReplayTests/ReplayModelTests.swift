import Foundation
import Testing

@testable import Replay
@testable import SimCore

@Suite struct ReplayModelTests {
    func settings(_ kind: ContinualStream.Kind, tasks: Int = 5, classes: Int = 10) -> ContinualStream.Settings {
        ContinualStream.Settings(
            kind: kind, classes: classes, tasks: tasks, dimension: 6, samplesPerTask: 300, testPerClass: 5,
            separation: 3,
            rotation: 0.5, skew: 0, recurrence: 0, blur: 0.2, labelNoise: 0)
    }

    @Test func streamsFollowTheirScenario() {
        for kind in ContinualStream.Kind.allCases {
            let stream = ContinualStream(settings(kind), random: RandomSource(seed: 1))
            #expect(stream.train.count == 1_500)
            #expect(stream.tests.count == 5)
            for task in 0..<5 {
                let classes = Set(ContinualStream.classes(of: task, stream.settings))
                #expect(Set(stream.tests[task].labels) == classes, "\(kind) task \(task)")
                let block = (task * 300)..<((task + 1) * 300)
                if kind != .taskFree {
                    #expect(
                        block.allSatisfy {
                            classes.contains(stream.train.labels[$0]) && stream.train.tasks[$0] == task
                        }, "\(kind)")
                }
            }
        }
        // Task-free boundaries blur: some samples near a boundary come from the neighbouring task.
        let free = ContinualStream(settings(.taskFree), random: RandomSource(seed: 1))
        #expect((0..<1_500).contains { free.train.tasks[$0] != $0 / 300 })
        #expect((0..<1_500).allSatisfy { abs(free.train.tasks[$0] - $0 / 300) <= 1 })
    }

    @Test func rotationIsOrthogonal() {
        var x = [3.0, -1.0, 2.0, 0.5, 7.0]
        let norm = x.reduce(0) { $0 + $1 * $1 }
        ContinualStream.rotate(&x, by: 0.7)
        #expect(abs(x.reduce(0) { $0 + $1 * $1 } - norm) < 1e-12)
        #expect(x[4] == 7.0)
        ContinualStream.rotate(&x, by: -0.7)
        #expect(zip(x, [3.0, -1.0, 2.0, 0.5, 7.0]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func skewAndRecurrenceShapeTheStream() {
        var skewed = settings(.classIncremental)
        skewed.skew = 2
        let stream = ContinualStream(skewed, random: RandomSource(seed: 2))
        // Task 0's classes 0 and 1 with weights 1 and 1/4: class 0 takes about 80%.
        let first = (0..<300).filter { stream.train.labels[$0] == 0 }.count
        #expect(first > 210 && first < 270)
        var recurring = settings(.classIncremental)
        recurring.recurrence = 0.3
        let mixed = ContinualStream(recurring, random: RandomSource(seed: 3))
        let old = (300..<1_500).filter { mixed.train.tasks[$0] < $0 / 300 }.count
        #expect(old > 300 && old < 420)
    }

    @Test func buffersKeepTheirInvariants() {
        var random = RandomSource(seed: 4)
        var data = FeatureDataset(dimension: 1)
        for i in 0..<90 { data.append([Double(i)], label: i / 30, task: 0) }
        var fifo = FIFOPerClassBuffer(capacity: 10)
        var balanced = ClassBalancedBuffer(capacity: 10)
        var reservoir = ReservoirBuffer(capacity: 10)
        for i in 0..<90 {
            fifo.offer(i, of: data, random: &random)
            balanced.offer(i, of: data, random: &random)
            reservoir.offer(i, of: data, random: &random)
            #expect(fifo.stored.count <= 10 && balanced.stored.count <= 10 && reservoir.stored.count == min(i + 1, 10))
        }
        // Three classes: shares 4, 3, 3, each the class's most recent samples.
        #expect(fifo.stored == [26, 27, 28, 29, 57, 58, 59, 87, 88, 89])
        let counts = (0..<3).map { c in balanced.stored.filter { $0 / 30 == c }.count }
        #expect(counts.max()! - counts.min()! <= 1)
        #expect(Set(reservoir.stored).count == 10)
    }

    @Test func metricsOfAHandMadeLog() {
        // Two tasks: evaluations before training, twice during task 0 (ending it), twice during task 1.
        var evaluation = ContinualEvaluation(tasks: 2)
        evaluation.record(iteration: 0, accuracies: [0.5, 0.4], endsTask: false)
        evaluation.record(iteration: 5, accuracies: [0.8, 0.45], endsTask: false)
        evaluation.record(iteration: 10, accuracies: [0.9, 0.5], endsTask: true)
        evaluation.record(iteration: 15, accuracies: [0.6, 0.7], endsTask: false)
        evaluation.record(iteration: 20, accuracies: [0.7, 0.9], endsTask: true)
        #expect(abs(evaluation.finalAccuracy - 0.8) < 1e-12)
        #expect(abs(evaluation.averageIncrementalAccuracy - (0.9 + 0.8) / 2) < 1e-12)
        #expect(abs(evaluation.forgetting - 0.2) < 1e-12)
        #expect(abs(evaluation.backwardTransfer - -0.2) < 1e-12)
        #expect(abs(evaluation.forwardTransfer - 0.1) < 1e-12)
        #expect(abs(evaluation.minAccuracy - 0.6) < 1e-12)
        #expect(abs(evaluation.worstCaseAccuracy - (0.9 / 2 + 0.5 * 0.6)) < 1e-12)
        let gap = evaluation.switches(dipWindow: 0.5)
        #expect(gap.count == 1)
        #expect(abs(gap[0].depth - 0.3) < 1e-12)
        #expect(abs(gap[0].hidden - 0.1) < 1e-12)
        #expect(gap[0].recoveryIterations == 10)
        // Before the switch 0.9, lowest in the first half of task 1 0.6, at its end 0.7.
        #expect(abs(gap[0].earlyDip - 0.3) < 1e-12)
        #expect(abs(gap[0].recovery - 0.1) < 1e-12)
        #expect(abs(gap[0].lasting - 0.2) < 1e-12)
    }

    @Test func theEarlyDipOnlySeesItsWindow() {
        // Task 1 runs from iteration 10 to 30; earlier-task accuracy 0.9 before, then 0.85
        // (iteration 12), 0.5 (iteration 25), 0.6 at the end: a late trough, not an early dip.
        var evaluation = ContinualEvaluation(tasks: 2)
        evaluation.record(iteration: 0, accuracies: [0.1, 0.1], endsTask: false)
        evaluation.record(iteration: 10, accuracies: [0.9, 0.2], endsTask: true)
        evaluation.record(iteration: 12, accuracies: [0.85, 0.5], endsTask: false)
        evaluation.record(iteration: 25, accuracies: [0.5, 0.8], endsTask: false)
        evaluation.record(iteration: 30, accuracies: [0.6, 0.9], endsTask: true)
        let early = evaluation.switches(dipWindow: 0.1)[0]
        #expect(
            abs(early.earlyDip - 0.05) < 1e-12 && abs(early.recovery - -0.25) < 1e-12
                && abs(early.lasting - 0.3) < 1e-12)
        #expect(abs(early.depth - 0.4) < 1e-12, "the deepest drop sees the late trough")
        let whole = evaluation.switches(dipWindow: 1)[0]
        #expect(abs(whole.earlyDip - 0.4) < 1e-12 && abs(whole.recovery - 0.1) < 1e-12)
    }

    @Test func defaultsRunDeterministicallyAndCountBytes() throws {
        let model = try ReplayModel(config: ReplayModel.configuration(["stream.samples_per_task": .int(400)]))
        let row = try model.run(seed: 1)
        #expect(try model.run(seed: 1) == row)
        #expect(row["model_bytes"] == Double((10 * 64 + 10) * 4))
        #expect(row["exemplars_stored"] == 200)
        #expect(row["bytes_stored"] == Double(200 * 64 * 4))
        #expect(try #require(row["final_accuracy"]) > 0.5)
    }

    @Test func predictionComputeIsCounted() throws {
        // 5 tasks x 400 samples, d = 64, 10 classes (the defaults but the task length).
        let softmax = try ReplayModel(config: ReplayModel.configuration(["stream.samples_per_task": .int(400)])).run(
            seed: 2)
        #expect(softmax["prediction_madds"] == Double(10 * 64))
        #expect(softmax["online_prediction_madds"] == Double(2_000 * 10 * 64))
        #expect(softmax["total_madds"] == (softmax["training_madds"] ?? 0) + Double(2_000 * 10 * 64))
        let knn = try ReplayModel(
            config: ReplayModel.configuration([
                "stream.samples_per_task": .int(400), "learner": .string("knn"), "buffer": .string("none"),
            ])
        ).run(seed: 2)
        #expect(knn["prediction_madds"] == Double(2_000 * 64), "kNN scans all 2,000 stored samples")
        // Before training on batch b (10 samples) the store holds 10 b samples.
        let online = (0..<200).reduce(0) { $0 + 10 * ($1 * 10 * 64) }
        #expect(knn["online_prediction_madds"] == Double(online))
    }

    @Test func aByteBudgetPaysForTheModelFirst() throws {
        // 32x32x3 uint8 exemplars (3,072 bytes) and a 2,600-byte softmax model in 310 KiB.
        let model = try ReplayModel(
            config: ReplayModel.configuration([
                "memory.budget_kib": .double(310), "exemplar.dtype": .string("uint8"),
                "exemplar.shape": .list([.int(32), .int(32), .int(3)]), "stream.samples_per_task": .int(100),
            ]))
        #expect(model.settings.exemplars == (310 * 1024 - 2_600) / 3_072)
        #expect(throws: ConfigError.self) {
            _ = try ReplayModel(config: ReplayModel.configuration(["memory.budget_kib": .double(1)]))
        }
        #expect(throws: ConfigError.self) {
            _ = try ReplayModel(config: ReplayModel.configuration(["stream.classes": .int(7)]))
        }
    }

    @Test func replayReducesForgettingInClassIncrementalLearning() throws {
        // Fine-tuning forgets earlier classes; replaying a reservoir of 200 keeps more of them.
        var withReplay = 0.0
        var without = 0.0
        for seed in 1...3 as ClosedRange<UInt64> {
            let base: [String: ConfigValue] = ["stream.samples_per_task": .int(600), "eval.every": .int(60)]
            without +=
                try ReplayModel(config: ReplayModel.configuration(base.merging(["buffer": .string("none")]) { $1 }))
                .run(seed: seed)["forgetting"] ?? 0
            withReplay += try ReplayModel(config: ReplayModel.configuration(base)).run(seed: seed)["forgetting"] ?? 0
        }
        #expect(withReplay < 0.6 * without)
    }
}
