import Foundation
import Testing

@testable import Replay
@testable import SimCore

@Suite struct NetworkLearnerTests {
    /// 12 samples of 3 classes in 4 dimensions.
    func smallData() -> FeatureDataset {
        var random = RandomSource(seed: 9)
        var data = FeatureDataset(dimension: 4)
        for i in 0..<12 { data.append((0..<4).map { _ in random.normal() }, label: i % 3, task: 0) }
        return data
    }

    func network(_ expansion: NetworkExpansion, trainsShared: Bool = true) -> ExpandableNetworkLearner {
        ExpandableNetworkLearner(
            classes: 3, dimension: 4, hidden: 5, width: 3, expansion: expansion, learningRate: 1e-3,
            trainsSharedLayer: trainsShared, random: RandomSource(seed: 3))
    }

    /// Parameters of the frozen layers at the front of `parameterVector` after one expansion.
    func frozenPrefix(_ expansion: NetworkExpansion) -> Range<Int> {
        switch expansion {
        case .none: return 0..<0
        case .full: return 0..<(4 * 5 + 5 + 5 * 3 + 3)
        case .partial: return (4 * 5 + 5)..<(4 * 5 + 5 + 5 * 3 + 3)
        }
    }

    @Test(arguments: NetworkExpansion.allCases)
    func backpropagationMatchesFiniteDifferences(_ expansion: NetworkExpansion) {
        let data = smallData()
        let batch = Array(0..<12)
        var learner = network(expansion)
        // Train a little first so the head is not zero, then expand.
        for _ in 0..<20 { learner.train(on: batch, of: data) }
        learner.beginTask(1)
        for _ in 0..<5 { learner.train(on: batch, of: data) }
        let before = learner.parameterVector
        var stepped = learner
        stepped.train(on: batch, of: data)
        // One SGD step moves the parameters by lr x the mean gradient.
        let analytic = zip(before, stepped.parameterVector).map { ($0 - $1) / learner.learningRate }
        let frozen = frozenPrefix(expansion)
        var probe = learner
        var worst = 0.0
        for j in before.indices {
            if frozen.contains(j) {
                #expect(analytic[j] == 0, "frozen parameter \(j) moved")
                continue
            }
            let h = 1e-6
            var up = before
            var down = before
            up[j] += h
            down[j] -= h
            probe.parameterVector = up
            let lossUp = probe.loss(on: batch, of: data)
            probe.parameterVector = down
            let numeric = (lossUp - probe.loss(on: batch, of: data)) / (2 * h)
            worst = max(worst, abs(numeric - analytic[j]) / max(1e-3, abs(numeric)))
        }
        #expect(worst < 1e-4, "\(expansion): largest relative gradient error \(worst)")
    }

    @Test(arguments: NetworkExpansion.allCases)
    func expandingKeepsTheOutputsAndCountsEveryBranch(_ expansion: NetworkExpansion) {
        let data = smallData()
        var learner = network(expansion)
        for _ in 0..<10 { learner.train(on: Array(0..<12), of: data) }
        let loss = learner.loss(on: Array(0..<12), of: data)
        for task in 0..<5 { learner.beginTask(task) }
        #expect(abs(learner.loss(on: Array(0..<12), of: data) - loss) < 1e-12)
        let branch = 4 * 5 + 5 + 5 * 3 + 3
        let shallow = 4 * 5 + 5
        let deep = 5 * 3 + 3
        switch expansion {
        case .none: #expect(learner.parameterBytes == 4 * (branch + 3 * 3 + 3))
        case .full: #expect(learner.parameterBytes == 4 * (5 * branch + 3 * 15 + 3))
        case .partial: #expect(learner.parameterBytes == 4 * (shallow + 5 * deep + 3 * 15 + 3))
        }
        #expect(learner.branchCount == (expansion == .none ? 1 : 5))
    }

    @Test func aFrozenSharedLayerStopsLearningAfterTheFirstTask() {
        let data = smallData()
        var learner = network(.partial, trainsShared: false)
        learner.train(on: Array(0..<12), of: data)
        learner.beginTask(1)
        let before = learner.parameterVector
        learner.train(on: Array(0..<12), of: data)
        let after = learner.parameterVector
        #expect(before[0..<25] == after[0..<25])
        #expect(before[25...] != after[25...])
    }

    @Test func aHiddenLayerSeparatesWhatALinearModelCannot() throws {
        // One task of 4 classes, each a mixture of 6 Gaussian modes in 8 dimensions.
        let base: [String: ConfigValue] = [
            "stream.tasks": .int(1), "stream.classes": .int(4), "stream.dimension": .int(8), "stream.modes": .int(6),
            "stream.samples_per_task": .int(3000), "stream.test_per_class": .int(100), "train.passes": .int(5),
            "train.learning_rate": .double(0.1), "buffer": .string("none"), "eval.every": .int(100_000),
        ]
        var network = 0.0
        var linear = 0.0
        for seed in 1...2 as ClosedRange<UInt64> {
            network +=
                try ReplayModel(config: ReplayModel.configuration(base.merging(["learner": .string("network")]) { $1 }))
                .run(seed: seed)["final_accuracy"] ?? 0
            linear +=
                try ReplayModel(config: ReplayModel.configuration(base.merging(["learner": .string("softmax")]) { $1 }))
                .run(seed: seed)["final_accuracy"] ?? 0
        }
        #expect(network > linear + 0.15, "network \(network / 2), softmax \(linear / 2)")
    }

    @Test func theBudgetPaysForTheModelAfterEveryExpansion() throws {
        // memo-budget's smallest point: DER at width 20 (29,680 bytes after 5 tasks) and 1,000
        // exemplars of 32 float32 features in 154 KiB.
        let base: [String: ConfigValue] = [
            "learner": .string("network"), "network.width": .int(20), "stream.classes": .int(20),
            "stream.dimension": .int(32),
            "memory.budget_kib": .double(154), "stream.samples_per_task": .int(20),
        ]
        let full = try ReplayModel(
            config: ReplayModel.configuration(base.merging(["network.expansion": .string("full")]) { $1 }))
        #expect(full.settings.exemplars == (154 * 1024 - 29_680) / 128)
        let single = try ReplayModel(config: ReplayModel.configuration(base))
        #expect(single.settings.exemplars == (154 * 1024 - 4 * (32 * 20 + 20 + 20 * 20 + 20 + 20 * 20 + 20)) / 128)
        #expect(throws: ConfigError.self) {
            _ = try ReplayModel(
                config: ReplayModel.configuration(
                    base.merging(["network.expansion": .string("full"), "memory.budget_kib": .double(28)]) { $1 }))
        }
    }

    @Test func passesRepeatEachTaskAndTheReferenceModelIsStatedInImages() throws {
        let model = try ReplayModel(
            config: ReplayModel.configuration([
                "stream.samples_per_task": .int(100), "train.passes": .int(3),
                "memory.reference_model": .string("resnet32"),
            ]))
        let row = try model.run(seed: 1)
        #expect(row["training_steps"] == Double(5 * 3 * 10))
        #expect(row["reference_model_exemplars"] == 1_854_016.0 / 3_072)
        #expect(row["model_exemplars"] == Double((10 * 64 + 10) * 4) / Double(64 * 4))
        #expect(try model.run(seed: 1) == row)
    }

    @Test func everyLearnersClosedFormBytesMatchWhatItHoldsAfterTheStream() {
        for entry in ReplayLearnerRegistry.entries {
            for expansion in NetworkExpansion.allCases {
                let p = ReplayLearnerParameters(
                    classes: 7, dimension: 5, learningRate: 0.1, neighbours: 3, scanBudget: 0, hidden: 6, width: 4,
                    expansion: expansion,
                    trainsSharedLayer: true, random: RandomSource(seed: 1))
                var learner = entry.make(p)
                for task in 0..<4 { learner.beginTask(task) }
                #expect(learner.parameterBytes == entry.finalBytes(p, 4), "\(entry.name), \(expansion)")
            }
        }
    }

    @Test func anExpandingNetworkCannotBeRetrainedFromTheBuffer() {
        #expect(throws: ConfigError.self) {
            _ = try ReplayModel(
                config: ReplayModel.configuration([
                    "learner": .string("network"), "network.expansion": .string("full"),
                    "train.mode": .string("from-buffer"),
                ]))
        }
    }

    @Test func multiplyAddsCountEachTrainedWeightOnceOrTwice() {
        // d = 4, hidden 5, width 3, 3 classes; one sample per step.
        let data = smallData()
        let forward1 = 4 * 5 + 5 * 3 + 3 * 3
        var none = network(.none)
        none.train(on: [0], of: data)
        // Head twice, deep layer twice (input delta for the shallow layer), shallow once.
        #expect(none.trainingMultiplyAdds == forward1 + 2 * 9 + 2 * 15 + 20)
        var partial = network(.partial)
        partial.beginTask(1)
        let before = partial.trainingMultiplyAdds
        partial.train(on: [0], of: data)
        // Forward: shared, two deep layers, a 6-input head; backward: head twice, the new deep
        // layer twice, the frozen one's input delta once, the shared layer's gradient once.
        let forward2 = 20 + 2 * 15 + 6 * 3
        #expect(partial.trainingMultiplyAdds - before == forward2 + 2 * 18 + 2 * 15 + 15 + 20)
    }
}
